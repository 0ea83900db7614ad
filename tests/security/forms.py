"""Read a form out of a page the way a browser would submit it."""

from html.parser import HTMLParser

from django.utils.datastructures import MultiValueDict

TEXT_INPUTS = {
    "",
    "text",
    "hidden",
    "number",
    "email",
    "url",
    "search",
    "tel",
    "date",
    "time",
    "datetime-local",
    "password",
}


class _FormReader(HTMLParser):
    """Collect what each `<form method="post">` of a page would send, by form id."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = {}
        self._form = None
        self._select = None  # (name, multiple, [options], [selected])
        self._option = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self._form = self.forms.setdefault(attrs.get("id", ""), MultiValueDict())
            return
        if self._form is None or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "").lower()
            if kind in TEXT_INPUTS:
                self._form.appendlist(name, attrs.get("value") or "")
            elif kind in {"checkbox", "radio"} and "checked" in attrs:
                self._form.appendlist(name, attrs.get("value") or "on")
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = (name, "multiple" in attrs, [], [])
        elif tag == "option" and self._select is not None:
            self._option = [attrs.get("value"), ""]
            if "selected" in attrs:
                self._select[3].append(self._option)
            self._select[2].append(self._option)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        if self._option is not None:
            self._option[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # Browsers drop the one newline that may follow the opening tag.
            self._form.appendlist(name, text.removeprefix("\n"))
            self._textarea = None
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            name, multiple, options, selected = self._select
            if not selected and not multiple and options:
                selected = options[:1]
            for value, text in selected:
                self._form.appendlist(name, text.strip() if value is None else value)
            self._select = None


def form_data(html, form_id=""):
    """What the post form `form_id` (the first one without an id when empty) would submit.

    Template rows for inlines added by JavaScript (`__prefix__`) are left out, as are the
    submit buttons: callers name the one they press.
    """
    reader = _FormReader()
    reader.feed(html)
    data = reader.forms.get(form_id)
    if data is None:
        raise LookupError(f"no post form with id {form_id!r}; forms: {sorted(reader.forms)}")
    return {
        name: values if len(values) > 1 else values[0]
        for name, values in data.lists()
        if "__prefix__" not in name
    }
