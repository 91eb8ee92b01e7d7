"""`manage.py import_courses`: the built-in catalogue always, Udemy's file when it is there."""

import re
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from learning import catalogue
from learning.catalogue import builtin_courses_read
from learning.models import Course, CourseSkill
from learning.services.catalogue import courses_import
from projects.models import Skill

pytestmark = pytest.mark.django_db

UDEMY_HEADER = (
    "course_id,course_title,url,is_paid,price,num_subscribers,num_reviews,num_lectures,level,"
    "content_duration,published_timestamp,subject,Average_rating"
)


def udemy_row(course_id, title, *, subject="Web Development", paid="TRUE", price="20",
              rating="4.5", hours="3") -> str:  # fmt: skip
    return (
        f'{course_id},"{title}",https://www.udemy.com/course-{course_id}/,{paid},{price},1200,'
        f"40,20,Beginner Level,{hours},2016-01-01T00:00:00Z,{subject},{rating}"
    )


def write_udemy(folder: Path, rows: list[str]) -> Path:
    path = folder / catalogue.UDEMY_FILE
    path.write_text("\n".join([UDEMY_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def run(**options) -> str:
    out = StringIO()
    call_command("import_courses", stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def test_the_builtin_catalogue_covers_the_marketplace(builtin_taxonomy, tmp_path):
    run(data_dir=tmp_path)  # an empty folder: the built-in catalogue only
    courses = Course.objects.filter(source=Course.Source.BUILTIN)
    assert courses.count() >= 60
    assert not courses.filter(course_skills__isnull=True).exists()
    assert set(courses.values_list("is_free", flat=True)) == {True}
    categories = Counter(
        CourseSkill.objects.filter(course__in=courses).values_list(
            "skill__category__slug", flat=True
        )
    )
    assert len(categories) == 16  # every category of the taxonomy has courses
    urls = [c.url for c in courses]
    assert len(set(urls)) == len(urls)
    assert all(url.startswith("https://") for url in urls)


def test_a_second_run_changes_nothing(builtin_taxonomy, tmp_path):
    write_udemy(tmp_path, [udemy_row(1, "Learn Django from scratch")])
    run(data_dir=tmp_path)
    before = (Course.objects.count(), CourseSkill.objects.count())
    output = run(data_dir=tmp_path)
    assert "0 created, 0 updated" in output
    assert (Course.objects.count(), CourseSkill.objects.count()) == before


def test_udemy_courses_get_skills_from_their_titles(builtin_taxonomy, tmp_path):
    write_udemy(
        tmp_path,
        [
            udemy_row(1, "Learn Django from scratch"),
            udemy_row(2, "Xero Bookkeeping Course", subject="Business Finance", paid="FALSE"),
            udemy_row(3, "Master the Bassoon", subject="Musical Instruments"),
        ],
    )
    report = courses_import(data_dir=tmp_path)
    django = Course.objects.get(source="udemy", external_id="1")
    assert list(django.skills.values_list("name", flat=True)) == ["Django"]
    assert django.course_skills.get().method == CourseSkill.Method.NAME
    assert (django.level, django.price, django.hours) == ("beginner", 20, 3)
    xero = Course.objects.get(source="udemy", external_id="2")
    assert xero.is_free
    assert xero.price == 0
    assert set(xero.skills.values_list("name", flat=True)) == {"Xero", "Bookkeeping"}
    # Outside the marketplace: left out of the catalogue.
    assert not Course.objects.filter(source="udemy", external_id="3").exists()
    assert report.outside == 1


def test_a_bad_row_is_skipped_and_said_the_rest_imported(builtin_taxonomy, tmp_path):
    write_udemy(
        tmp_path,
        [
            udemy_row(1, "Learn Django from scratch"),
            udemy_row(2, "Learn Flask", price="twenty"),
            udemy_row(3, "Learn Laravel", rating="7"),
        ],
    )
    output = run(data_dir=tmp_path)
    assert "2 rows skipped" in output
    assert "line 3: price 'twenty' is not a number" in output
    assert "line 4: Average_rating '7' is out of range" in output
    assert list(Course.objects.filter(source="udemy").values_list("external_id", flat=True)) == [
        "1"
    ]


def test_a_malformed_file_changes_nothing(builtin_taxonomy, tmp_path):
    (tmp_path / catalogue.UDEMY_FILE).write_text("course_id,title\n1,Django\n")
    with pytest.raises(CommandError, match="missing columns: course_title"):
        run(data_dir=tmp_path)
    assert not Course.objects.exists()


def test_a_builtin_skill_the_taxonomy_does_not_know_is_an_error(db, tmp_path):
    # No taxonomy imported: the hand-set skills cannot be resolved.
    with pytest.raises(CommandError, match=re.escape("run `manage.py import_skills` first")):
        run(data_dir=tmp_path)
    assert not Course.objects.exists()


def test_a_broken_builtin_entry_names_the_course(tmp_path):
    path = tmp_path / "courses.yaml"
    path.write_text("courses:\n  - key: x\n    provider: P\n    title: T\n    url: ftp://x\n")
    with pytest.raises(catalogue.ReferenceFileError, match="course 1: url 'ftp://x'"):
        builtin_courses_read(path)


def test_a_changed_title_is_updated_and_staff_skills_are_kept(builtin_taxonomy, tmp_path):
    write_udemy(tmp_path, [udemy_row(1, "Learn Django from scratch")])
    run(data_dir=tmp_path)
    course = Course.objects.get(source="udemy")
    python = Skill.objects.get(name="Python")
    CourseSkill.objects.create(course=course, skill=python, method=CourseSkill.Method.HAND)
    write_udemy(tmp_path, [udemy_row(1, "Learn Flask from scratch")])
    output = run(data_dir=tmp_path)
    assert "0 created, 1 updated" in output
    course.refresh_from_db()
    assert course.title == "Learn Flask from scratch"
    assert set(course.skills.values_list("name", flat=True)) == {"Flask", "Python"}
