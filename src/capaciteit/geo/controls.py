"""Small Leaflet controls of our maps: a metric scale bar, a banner, legend rows."""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from capaciteit.formatting import html_text

STALE_BORDER = "#7a0177"  # dashed outline of a region whose peildatum is old


def legend_row(colour: str, label: str, border: str = "1px solid #555") -> str:
    """One legend line: a swatch and its (escaped) label."""
    return (f'<div><span style="display:inline-block;width:14px;height:14px;'
            f'background:{colour};border:{border};margin-right:6px;box-sizing:border-box;'
            f'print-color-adjust:exact;-webkit-print-color-adjust:exact;'
            f'vertical-align:middle"></span>{html_text(label)}</div>')


class MetricScale(MacroElement):
    """Leaflet's scale bar in kilometres only (its default adds miles)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        L.control.scale({imperial: false}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self) -> None:
        super().__init__()
        self._name = "MetricScale"


class MapBanner(MacroElement):
    """A line of text at the top of the map, e.g. that it shows a past date."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function() {
            var banner = L.control({position: 'topright'});
            banner.onAdd = function() {
                var div = L.DomUtil.create('div', 'capaciteit-banier');
                div.setAttribute('role', 'status');
                div.style.cssText = 'background:#fff3cd;color:#5c4400;padding:4px 8px;'
                    + 'font:bold 13px/1.4 sans-serif;border:1px solid #b08800;border-radius:4px;';
                div.innerHTML = {{ this.html|tojson }};
                return div;
            };
            banner.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
    """)

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "MapBanner"
        self.html = html_text(text)
