"""Map elements whose rendered code goes on the page as is, never read as a template again.

branca's :class:`~branca.element.MacroElement` renders an element's ``header``, ``html``
and ``script`` macros, then wraps each output in a new ``Element(text)``, which
*compiles that text as a Jinja template* and renders it a second time when the page
is put together. Our elements carry article text (claims' sentences, places, claimants,
reference events) inside their JSON: a sentence holding ``{{ ... }}`` would be run as a
Jinja expression on the server, and one holding ``{#`` would stop the page with a
template syntax error. Compiling a payload of hundreds of kilobytes as a template also
costs every page run tens of milliseconds.

:class:`RawMacro` renders the macros once and hands their output to the page as plain
text (:class:`RawText`). Every map element of this package that carries data derives
from it.
"""

from __future__ import annotations

from typing import Any

from branca.element import Element, Figure, MacroElement


class RawText(Element):
    """Text put on the page exactly as given (no template, no escaping).

    Parameters
    ----------
    text : str
        Code or markup, already safe for where it goes.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "RawText"
        self.text = text

    def render(self, **kwargs: Any) -> str:
        """Return the text itself."""
        return self.text


class RawMacro(MacroElement):
    """A MacroElement whose rendered macros reach the page as :class:`RawText`.

    The same steps as :meth:`branca.element.MacroElement.render`, but the rendered
    code is not compiled as a template again.

    Put it last among an element's bases (``class Layer(folium.map.Layer, RawMacro)``)
    so that folium's own ``render`` steps (layer control, asset links) run first.
    """

    def render(self, **kwargs: Any) -> None:
        """Render this element's macros into the page's parts, then its children."""
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError("a map element can only be rendered inside a Figure")
        module = self._template.module.__dict__
        for part, target in (("header", figure.header), ("html", figure.html),
                             ("script", figure.script)):
            macro = module.get(part)
            if macro is not None:
                target.add_child(RawText(macro(self, kwargs)), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)
