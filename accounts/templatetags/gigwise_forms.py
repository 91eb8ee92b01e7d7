"""Bootstrap classes on form widgets, for templates/includes/field.html.

Rendering through BoundField.as_widget keeps everything Django puts on a widget (required,
aria-invalid, aria-describedby, custom widget templates) and only adds the CSS classes.
"""

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString

register = template.Library()


def widget_css_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
        # RadioSelect covers CheckboxSelectMultiple, its subclass.
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    if getattr(widget, "input_type", None) == "range":
        return "form-range"
    return "form-control"


@register.filter
def bootstrap_widget(field: BoundField) -> SafeString:
    """Render the field's widget with Bootstrap's class, and is-invalid when it has errors."""
    widget = field.field.widget
    classes = [widget.attrs.get("class", ""), widget_css_class(widget)]
    if field.errors:
        classes.append("is-invalid")
    return field.as_widget(attrs={"class": " ".join(c for c in classes if c)})


@register.filter
def is_choice_list(field: BoundField) -> bool:
    """Radio buttons or check boxes, one per choice: rendered as a fieldset with a legend."""
    return isinstance(field.field.widget, forms.RadioSelect)
