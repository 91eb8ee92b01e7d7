"""Name pools per country: common given and family names, combined at random for demo people.

A demo name is an invented combination, not anyone's record. An underscore keeps a two-word
family name together ("De_Luca").
"""

NAMES: dict[str, tuple[str, str]] = {
    "US": (
        (
            "James Olivia Liam Emma Noah Ava Ethan Mia Lucas Harper Owen Grace Henry Chloe Jack "
            "Ruby Samuel Ella Daniel Zoe Aaliyah Marcus Jasmine Tyrone Kenji Priya"
        ),
        (
            "Smith Johnson Brown Taylor Wilson Davies Clarke Walker Wright Hughes Evans Mitchell "
            "Turner Parker Collins Morgan Bennett Hayes Foster Reid Nguyen Kim Patel Washington "
            "Jackson Rivera Cohen"
        ),
    ),
    "CA": (
        (
            "James Olivia Liam Emma Noah Ava Ethan Mia Lucas Harper Owen Grace Henry Chloe Jack "
            "Ruby Samuel Ella Daniel Zoe Étienne Mathilde Gabrielle Félix"
        ),
        (
            "Smith Johnson Brown Taylor Wilson Davies Clarke Walker Wright Hughes Evans Mitchell "
            "Turner Parker Collins Morgan Bennett Hayes Foster Reid Tremblay Gagnon Roy Côté "
            "Bouchard Chen Singh"
        ),
    ),
    "MX": (
        (
            "Alejandro Valentina Mateo Camila Santiago Lucía Diego Sofía Andrés Isabela Javier "
            "Daniela Carlos Mariana Luis Gabriela Pablo Ximena Raúl Paula Guadalupe Emiliano "
            "Citlali Itzel"
        ),
        (
            "García Rodríguez Martínez López Hernández González Pérez Sánchez Ramírez Torres "
            "Flores Rivera Gómez Díaz Morales Castro Ortiz Vargas Romero Navarro Cruz Reyes "
            "Mendoza Aguilar Guzmán"
        ),
    ),
    "BR": (
        (
            "João Ana Pedro Beatriz Lucas Mariana Gabriel Larissa Rafael Júlia Thiago Camila "
            "Felipe Letícia Gustavo Fernanda Tiago Inês Rodrigo Carolina Enzo Yasmin Vitória Davi"
        ),
        (
            "Silva Santos Oliveira Souza Pereira Costa Ferreira Almeida Carvalho Ribeiro "
            "Rodrigues Gomes Martins Araújo Barbosa Lima Rocha Fernandes Mendes Cardoso "
            "Nascimento Moreira Teixeira Azevedo"
        ),
    ),
    "AR": (
        (
            "Alejandro Valentina Mateo Camila Santiago Lucía Diego Sofía Andrés Isabela Javier "
            "Daniela Carlos Mariana Luis Gabriela Pablo Ximena Raúl Paula Facundo Agustina "
            "Bautista Milagros"
        ),
        (
            "García Rodríguez Martínez López Hernández González Pérez Sánchez Ramírez Torres "
            "Flores Rivera Gómez Díaz Morales Castro Ortiz Vargas Romero Navarro Fernández "
            "Álvarez Benítez Acosta Medina"
        ),
    ),
    "CO": (
        (
            "Alejandro Valentina Mateo Camila Santiago Lucía Diego Sofía Andrés Isabela Javier "
            "Daniela Carlos Mariana Luis Gabriela Pablo Ximena Raúl Paula Juliana Sebastián "
            "Valeria Nicolás"
        ),
        (
            "García Rodríguez Martínez López Hernández González Pérez Sánchez Ramírez Torres "
            "Flores Rivera Gómez Díaz Morales Castro Ortiz Vargas Romero Navarro Jaramillo "
            "Restrepo Ospina Zapata Cárdenas"
        ),
    ),
    "GB": (
        (
            "James Olivia Liam Emma Noah Ava Ethan Mia Lucas Harper Owen Grace Henry Chloe Jack "
            "Ruby Samuel Ella Daniel Zoe Amelia Oliver Isla Arthur Freya Rhys Imogen"
        ),
        (
            "Smith Johnson Brown Taylor Wilson Davies Clarke Walker Wright Hughes Evans Mitchell "
            "Turner Parker Collins Morgan Bennett Hayes Foster Reid Roberts Thomas Ahmed Khan "
            "Jones Williams Murphy"
        ),
    ),
    "IE": (
        "Seán Aoife Conor Niamh Cian Saoirse Darragh Ciara Oisín Róisín Eoin Sinéad Fionn",
        "Murphy Kelly O'Sullivan Walsh O'Brien Byrne Ryan O'Connor Doyle McCarthy Quinn",
    ),
    "DE": (
        (
            "Lukas Anna Felix Lena Jonas Laura Leon Sophie Maximilian Hannah Paul Marie Tobias "
            "Katharina Jan Lea"
        ),
        (
            "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch "
            "Richter Wolf Schröder Neumann Braun"
        ),
    ),
    "FR": (
        (
            "Louis Chloé Hugo Manon Jules Camille Arthur Léa Théo Inès Raphaël Juliette Nathan "
            "Emma Adrien Margaux"
        ),
        (
            "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent "
            "Lefèvre Michel Garnier Fournier"
        ),
    ),
    "ES": (
        (
            "Alejandro Valentina Mateo Camila Santiago Lucía Diego Sofía Andrés Isabela Javier "
            "Daniela Carlos Mariana Luis Gabriela Pablo Ximena Raúl Paula Jordi Montserrat Iker "
            "Nerea Álvaro"
        ),
        (
            "García Rodríguez Martínez López Hernández González Pérez Sánchez Ramírez Torres "
            "Flores Rivera Gómez Díaz Morales Castro Ortiz Vargas Romero Navarro Ruiz Jiménez "
            "Moreno Muñoz Iglesias Serrano"
        ),
    ),
    "IT": (
        (
            "Francesco Giulia Alessandro Chiara Lorenzo Martina Matteo Sara Andrea Federica "
            "Davide Elisa Marco Alessia Simone Giorgia"
        ),
        (
            "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo "
            "Conti De_Luca Costa Fontana"
        ),
    ),
    "NL": (
        "Daan Emma Sem Julia Lucas Tess Finn Sanne Bram Fleur Thijs Lotte Ruben Noor",
        "Jansen Bakker Visser Smit Meijer Mulder Bos Vos Peters Hendriks Dekker Brouwer",
    ),
    "PL": (
        (
            "Jakub Zuzanna Kacper Julia Szymon Maja Filip Aleksandra Mateusz Natalia Łukasz "
            "Magdalena Piotr Agnieszka"
        ),
        (
            "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański "
            "Woźniak Dąbrowski Kozłowski"
        ),
    ),
    "UA": (
        (
            "Oleksandr Anastasiia Dmytro Yuliia Andrii Kateryna Maksym Olena Serhii Iryna Bohdan "
            "Sofiia Taras Oksana Vladyslav Daryna"
        ),
        (
            "Shevchenko Kovalenko Bondarenko Tkachenko Kravchenko Oliinyk Melnyk Boiko Koval "
            "Marchenko Lysenko Savchenko Rudenko Moroz"
        ),
    ),
    "RO": (
        "Andrei Ioana Alexandru Maria Mihai Elena Ștefan Andreea Gabriel Bianca Vlad Irina",
        "Popescu Ionescu Popa Dumitru Stan Stoica Gheorghe Matei Ciobanu Rusu Munteanu",
    ),
    "PT": (
        (
            "João Ana Pedro Beatriz Lucas Mariana Gabriel Larissa Rafael Júlia Thiago Camila "
            "Felipe Letícia Gustavo Fernanda Tiago Inês Rodrigo Carolina Duarte Leonor Afonso "
            "Matilde"
        ),
        (
            "Silva Santos Oliveira Souza Pereira Costa Ferreira Almeida Carvalho Ribeiro "
            "Rodrigues Gomes Martins Araújo Barbosa Lima Rocha Fernandes Mendes Cardoso Marques "
            "Sousa Pinto Correia Lopes"
        ),
    ),
    "SE": (
        "Erik Elsa Oskar Maja Axel Alva Hugo Astrid Viktor Wilma Isak Ebba Gustav Saga",
        (
            "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson "
            "Lindberg Lindqvist Berg"
        ),
    ),
    "TR": (
        (
            "Mehmet Zeynep Mustafa Elif Emre Ayşe Burak Selin Can Defne Kerem Ece Mert Büşra Onur "
            "Derya"
        ),
        (
            "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan "  # noqa: RUF001
            "Kılıç Aslan"  # noqa: RUF001
        ),
    ),
    "EG": (
        (
            "Ahmed Mariam Omar Nour Youssef Salma Mohamed Hana Karim Yasmin Mostafa Farida Tarek "
            "Laila Hossam Dina"
        ),
        (
            "Hassan Ibrahim Mahmoud Mostafa Abdelrahman Soliman Farouk Naguib Saleh Fathy Gamal "
            "Shawky Hegazy Ezzat"
        ),
    ),
    "NG": (
        (
            "Chinedu Adaeze Oluwaseun Ngozi Emeka Funmilayo Tunde Chiamaka Ibrahim Aisha "
            "Babatunde Yetunde Obinna Zainab Segun Amarachi"
        ),
        (
            "Okafor Adeyemi Okonkwo Balogun Eze Nwosu Abubakar Olawale Ogunleye Chukwu Adebayo "
            "Bello Onyekachi Afolabi"
        ),
    ),
    "KE": (
        (
            "Wanjiru Brian Akinyi Kevin Njeri Collins Atieno Dennis Wambui Victor Chebet Ian "
            "Nyambura Felix Auma Moses"
        ),
        (
            "Mwangi Otieno Kamau Wanjiku Ochieng Kiprono Njoroge Odhiambo Mutua Kariuki Chepkoech "
            "Wafula Maina Kiplagat"
        ),
    ),
    "GH": (
        "Kwame Ama Kofi Akosua Kwabena Abena Yaw Efua Kojo Adwoa Kwesi Esi Nana Afia Fiifi",
        "Mensah Owusu Boateng Asante Osei Agyemang Appiah Darko Ofori Amoah Quaye Addo",
    ),
    "ZA": (
        (
            "Thabo Lerato Sipho Naledi Johan Annelie Themba Zanele Pieter Nomvula Lwazi Carla "
            "Mandla Palesa Ruan Ayanda"
        ),
        (
            "Nkosi Dlamini Van_der_Merwe Botha Khumalo Ndlovu Pretorius Mokoena Naidoo Mahlangu "
            "Venter Zulu"
        ),
    ),
    "IN": (
        (
            "Aarav Ananya Rohan Priya Vikram Sneha Arjun Kavya Rahul Divya Aditya Pooja Karthik "
            "Meera Siddharth Lakshmi Nikhil Shreya Harish Deepika"
        ),
        (
            "Sharma Patel Iyer Reddy Gupta Nair Singh Kumar Menon Das Joshi Rao Chatterjee Verma "
            "Pillai Mehta Krishnan Bose"
        ),
    ),
    "PK": (
        (
            "Ali Ayesha Hamza Fatima Usman Zainab Bilal Sana Hassan Hira Faisal Mahnoor Imran "
            "Amna Saad Iqra"
        ),
        (
            "Khan Ahmed Malik Hussain Qureshi Butt Chaudhry Siddiqui Shah Raza Javed Iqbal Aslam "
            "Mirza"
        ),
    ),
    "BD": (
        (
            "Rahim Nusrat Tanvir Farzana Arif Sadia Mahmud Tasnim Rakib Sumaiya Shakil Nadia "
            "Imtiaz Lamia"
        ),
        "Rahman Hossain Islam Ahmed Chowdhury Akter Uddin Sarkar Biswas Haque Talukder Alam",
    ),
    "PH": (
        (
            "Maria Jose Angelica Mark Kristine John Paolo Jasmine Carlo Patricia Miguel Rowena "
            "Jerome Trisha Adrian Bea"
        ),
        (
            "Santos Reyes Cruz Bautista Garcia Mendoza Dela_Cruz Villanueva Ramos Aquino Castillo "
            "Fernandez Navarro Soriano"
        ),
    ),
    "VN": (
        "Minh Linh Huy Trang Duc Thao Khoa Ngoc Tuan Mai Phuc Hoa Quang Lan",
        "Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do",
    ),
    "ID": (
        "Budi Siti Agus Dewi Rizky Putri Andi Ayu Fajar Nurul Hendra Intan Yoga Rina Dimas",
        (
            "Santoso Wijaya Saputra Hidayat Kusuma Pratama Setiawan Nugroho Wibowo Halim Gunawan "
            "Susanto"
        ),
    ),
    "JP": (
        "Haruto Yui Sota Hina Ren Aoi Yuto Sakura Kaito Mio Takumi Riko Daiki Yuna",
        (
            "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida "
            "Yamada"
        ),
    ),
    "KR": (
        "Minjun Seoyeon Jiho Jiwoo Hyunwoo Soyeon Jaehyun Yuna Dohyun Hayoon Seojun Eunji",
        "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Shin",
    ),
    "AU": (
        (
            "James Olivia Liam Emma Noah Ava Ethan Mia Lucas Harper Owen Grace Henry Chloe Jack "
            "Ruby Samuel Ella Daniel Zoe Matilda Lachlan Isla Cooper"
        ),
        (
            "Smith Johnson Brown Taylor Wilson Davies Clarke Walker Wright Hughes Evans Mitchell "
            "Turner Parker Collins Morgan Bennett Hayes Foster Reid Nguyen Kelly Ryan Campbell "
            "Anderson"
        ),
    ),
    "NZ": (
        (
            "James Olivia Liam Emma Noah Ava Ethan Mia Lucas Harper Owen Grace Henry Chloe Jack "
            "Ruby Samuel Ella Daniel Zoe Aroha Nikau Manaia Tama Mere"
        ),
        (
            "Smith Johnson Brown Taylor Wilson Davies Clarke Walker Wright Hughes Evans Mitchell "
            "Turner Parker Collins Morgan Bennett Hayes Foster Reid Ngata Te_Rangi Parata Wilson "
            "Thompson"
        ),
    ),
}
