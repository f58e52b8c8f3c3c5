"""The map's legend: claim types with their colours and counts, and the claim counter."""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

from geo.mapview.popups import esc
from geo.mapview.styles import TYPE_COLORS, side_color
from geo.schema import CLAIM_TYPES


class Legend(MacroElement):
    """Legend of claim types, with the number of claims shown (``#claim-count``).

    Parameters
    ----------
    counts : dict
        Claims shown per claim type.
    total : int
        Claims matching the filter.
    shown : int
        Claims drawn (equal to ``total`` unless limited).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(){
            var legend = L.control({position: 'bottomright'});
            legend.onAdd = function () {
                var div = L.DomUtil.create('div', 'claims-legend');
                div.style.cssText = 'background:rgba(255,255,255,.9);padding:6px 8px;'
                    + 'font:12px/1.4 sans-serif;border-radius:4px;box-shadow:0 0 4px #999';
                div.innerHTML = {{ this.html|tojson }};
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
            // the frame around the map may be resized after Leaflet starts (Streamlit
            // sizes its components late): redraw the canvas layers to the new size
            var map = {{ this._parent.get_name() }};
            function redraw() { map.invalidateSize(); map.fire('moveend'); }
            if (window.ResizeObserver) {
                new ResizeObserver(redraw).observe(map.getContainer());
            }
            // the initial view is set after the layers: redraw the canvas for it
            setTimeout(redraw, 0);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, counts: dict[str, int], total: int, shown: int,
                 sides: dict[str, int] | None = None, contested: int = 0) -> None:
        super().__init__()
        self._name = "Legend"
        if sides is not None:  # coloured by claimant side
            entries = [(s, side_color(s), n) for s, n in sorted(
                sides.items(), key=lambda kv: (-kv[1], kv[0]))]
        else:
            entries = [(t, TYPE_COLORS[t], counts.get(t, 0)) for t in CLAIM_TYPES]
        rows = []
        for label, colour, n in entries:
            if n:
                rows.append(f'<div><span style="display:inline-block;width:10px;height:10px;'
                            f'border-radius:5px;background:{colour}"></span> '
                            f"{esc(label)} <span style=\"color:#666\">{n:,}</span></div>")
        if contested:
            rows.append('<div id="contested-count" data-count="' + str(int(contested))
                        + '"><span style="display:inline-block;width:9px;height:9px;'
                        'transform:rotate(45deg);border:2px solid #d00;background:#000">'
                        f"</span> contested places {int(contested):,}</div>")
        note = "" if shown == total else f" (drawn: {shown:,})"
        self.html = (f'<div id="claim-count" data-count="{total}"><b>{total:,}</b> claims'
                     f"{note}</div>" + "".join(rows))

