"""A person's browser in words ("Chrome 156 on Linux") from its User-Agent header, for the list of
signed-in devices: enough to recognise one's own devices, without a user-agent database."""

import re

# Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
_BROWSERS = (
    ("Edge", r"Edg(?:e|A|iOS)?/(\d+)"),
    ("Opera", r"OPR/(\d+)"),
    ("Firefox", r"(?:Firefox|FxiOS)/(\d+)"),
    ("Chrome", r"(?:HeadlessChrome|Chrome|CriOS)/(\d+)"),
    ("Safari", r"Version/(\d+)[.\d]* (?:Mobile/\S+ )?Safari/"),
)
_SYSTEMS = (
    ("Android", r"Android"),
    ("iPhone", r"iPhone"),
    ("iPad", r"iPad"),
    ("Windows", r"Windows"),
    ("macOS", r"Mac OS X|Macintosh"),
    ("ChromeOS", r"CrOS"),
    ("Linux", r"Linux"),
)


def browser_summary(user_agent: str | None) -> str:
    """'Firefox 133 on Windows'; 'Unknown browser' when the header says nothing we know."""
    text = user_agent or ""
    browser = next(
        (f"{name} {m.group(1)}" for name, pattern in _BROWSERS if (m := re.search(pattern, text))),
        "",
    )
    system = next((name for name, pattern in _SYSTEMS if re.search(pattern, text)), "")
    if browser and system:
        return f"{browser} on {system}"
    return browser or (f"A browser on {system}" if system else "Unknown browser")
