"""Leaflet made usable without a mouse and zoomable: WCAG 2.1 AA for the choropleths.

folium's map template sets ``user-scalable=no`` in its viewport meta, which blocks
zoom (WCAG 1.4.4); ``ZoomableMap`` writes the same header without it. Leaflet's
region shapes take no keyboard focus, so a keyboard user could not read a region's
value or open it; ``KeyboardRegions`` makes every shape a focusable button named
by its tooltip, shows the tooltip on focus, draws a visible focus ring, and lets
Enter or Space do what a click does (on Kaart: open the region).
"""

from __future__ import annotations

import re
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

ZOOM_BLOCK = re.compile(r",\s*maximum-scale=1\.0,\s*user-scalable=no")


class ZoomableMap(folium.Map):
    """A ``folium.Map`` whose page lets the reader zoom (no ``user-scalable=no``)."""

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # folium's returns None
        """Render as folium does, then replace the header with one that allows zoom."""
        super().render(**kwargs)
        header = self._template.module.__dict__["header"](self, kwargs)
        root = self.get_root()
        assert isinstance(root, Figure)
        root.header.add_child(Element(zoomable_header(str(header))), name=self.get_name())


def zoomable_header(header: str) -> str:
    """``header`` with the viewport meta's zoom block removed."""
    return ZOOM_BLOCK.sub("", header)


class KeyboardRegions(MacroElement):
    """Each shape of ``layer`` a focusable button: its tooltip as name, Enter as click."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        document.documentElement.lang = 'nl';  // the map's texts are Dutch
        (function(layer, map) {
            var style = document.createElement('style');
            style.textContent = 'path.leaflet-interactive:focus{outline:none}'
                + ' path.leaflet-interactive:focus-visible{stroke:#000;stroke-width:4px;'
                + 'stroke-dasharray:6 3}';
            document.head.appendChild(style);
            var plain = function(html) {  // the tooltip's rows as "naam, titel: waarde"
                var div = document.createElement('div');
                div.innerHTML = html;
                var rows = Array.prototype.map.call(div.querySelectorAll('tr'), function(row) {
                    return Array.prototype.map.call(row.children, function(cell) {
                        return cell.textContent.trim();
                    }).filter(Boolean).join(': ');
                }).filter(Boolean);
                return rows.length ? rows.join(', ') : div.textContent.trim();
            };
            layer.eachLayer(function(shape) {
                var element = shape.getElement && shape.getElement();
                if (!element) { return; }
                var owner = shape.getTooltip && shape.getTooltip() ? shape : layer;
                var tooltip = owner.getTooltip && owner.getTooltip();
                var name = tooltip ? tooltip._content : '';
                if (typeof name === 'function') { name = name(shape); }
                if (name && name.innerHTML !== undefined) { name = name.innerHTML; }
                element.setAttribute('tabindex', '0');
                element.setAttribute('role', 'button');
                element.setAttribute('aria-label', plain(String(name || '')));
                element.addEventListener('focus', function() {
                    if (tooltip) { owner.openTooltip(shape, shape.getCenter()); }
                });
                element.addEventListener('blur', function() {
                    if (tooltip) { owner.closeTooltip(); }
                });
                element.addEventListener('keydown', function(event) {
                    if (event.key !== 'Enter' && event.key !== ' ') { return; }
                    event.preventDefault();
                    shape.fire('click', {latlng: shape.getCenter(), layer: shape,
                                         originalEvent: event}, true);
                });
            });
        })({{ this.layer.get_name() }}, {{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, layer: Element) -> None:
        super().__init__()
        self._name = "KeyboardRegions"
        self.layer = layer


HATCH_ID = "geen-gegevens-arcering"
HATCH_LINE = "#555555"


def hatched(colour: str) -> str:
    """CSS background of a legend swatch: ``colour`` with the no-data hatching over it."""
    return f"repeating-linear-gradient(-45deg,{HATCH_LINE} 0 2px,{colour} 2px 6px)"


class HatchedNoData(MacroElement):
    """Shapes of ``layer`` filled with ``colour`` (no data) get diagonal hatching over it.

    The no-data grey has about the lightness of a colour class, so in greyscale print
    only the hatching tells them apart. The layer's style is wrapped, so hovering
    (which resets the style) keeps the hatching.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function(layer, map, colour, id, line) {
            var svg = map.getPanes().overlayPane.querySelector('svg');
            if (!svg) { return; }
            var ns = 'http://www.w3.org/2000/svg';
            var make = function(tag, attributes) {
                var element = document.createElementNS(ns, tag);
                Object.keys(attributes).forEach(function(k) {
                    element.setAttribute(k, attributes[k]);
                });
                return element;
            };
            if (!svg.querySelector('#' + id)) {
                var defs = svg.querySelector('defs') || svg.insertBefore(make('defs', {}),
                                                                         svg.firstChild);
                var pattern = make('pattern', {id: id, patternUnits: 'userSpaceOnUse',
                                               width: 6, height: 6,
                                               patternTransform: 'rotate(45)'});
                pattern.appendChild(make('rect', {width: 6, height: 6, fill: colour}));
                pattern.appendChild(make('rect', {width: 2, height: 6, fill: line}));
                defs.appendChild(pattern);
            }
            var style = layer.options.style;
            layer.options.style = function(feature) {
                var result = Object.assign({}, style(feature));
                if (result.fillColor === colour) { result.fillColor = 'url(#' + id + ')'; }
                return result;
            };
            layer.eachLayer(function(shape) { layer.resetStyle(shape); });
        })({{ this.layer.get_name() }}, {{ this._parent.get_name() }},
           {{ this.colour|tojson }}, {{ this.hatch_id|tojson }}, {{ this.line|tojson }});
        {% endmacro %}
    """)

    def __init__(self, layer: Element, colour: str) -> None:
        super().__init__()
        self._name = "HatchedNoData"
        self.layer = layer
        self.colour = colour
        self.hatch_id = HATCH_ID
        self.line = HATCH_LINE
