/* The claims map in the browser: claim layers, legend, play-through and view, fed by
 * ClaimsMap.update(payload) (geo/mapview/payload.py builds the payload; every string in
 * it is already HTML-escaped in Python).
 *
 * The map itself (outlines, controls, this runtime) is built once; a filter change only
 * sends a new payload, so the analyst's view, open panels and layer choices stay.
 */
window.ClaimsMap = function (map, O) {
  "use strict";
  var self = {P: null, viewSet: false, fitKey: null, version: 0};
  var play = {open: false, on: false, mode: "window", step: "day", cur: null, timer: null};

  // ----------------------------------------------------------------------- helpers
  function dayNum(iso) {
    return Math.round(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10))
                      / 864e5);
  }
  function isoOf(n) { return new Date(n * 864e5).toISOString().slice(0, 10); }
  function addMonths(n, k) {
    var d = new Date(n * 864e5);
    var y = d.getUTCFullYear(), m = d.getUTCMonth() + k, day = d.getUTCDate();
    var last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();  // clamp Jan 31 + 1 month
    return Math.round(Date.UTC(y, m, Math.min(day, last)) / 864e5);
  }
  function stepFrom(n, dir) {
    if (play.step === "week") { return n + 7 * dir; }
    if (play.step === "month") { return addMonths(n, dir); }
    return n + dir;
  }
  function plural(n, word) { return n.toLocaleString("en") + " " + word + (n === 1 ? "" : "s"); }
  function el(tag, cls, parent) { return L.DomUtil.create(tag, cls || "", parent); }

  // ----------------------------------------------------------------------- busy overlay
  var busyEl = el("div", "claims-busy", map.getContainer());
  busyEl.innerHTML = '<span class="claims-spinner"></span> Updating the map…';
  var busyCount = 0;
  function busy(on) {
    busyCount = Math.max(0, busyCount + (on ? 1 : -1));
    busyEl.style.display = busyCount > 0 ? "flex" : "none";
  }
  self.busy = busy;
  // the page reruns its script after a filter change: show it on the map meanwhile
  (function watchParent() {
    try {
      var doc = window.parent && window.parent !== window && window.parent.document;
      if (!doc || !window.MutationObserver) { return; }
      var running = false;
      var check = function () {
        var now = !!doc.querySelector('[data-testid="stStatusWidgetRunningIcon"]');
        if (now !== running) { running = now; busy(now); }
      };
      new MutationObserver(check).observe(doc.body, {childList: true, subtree: true});
    } catch (e) { /* another origin: no parent status */ }
  })();

  // ----------------------------------------------------------------------- layers
  function clusterIcon(n) {
    var s = n < 10 ? 28 : n < 100 ? 34 : n < 1000 ? 40 : 46;
    return L.divIcon({html: "<div><span>" + n + "</span></div>", className: "claims-cluster",
                      iconSize: [s, s]});
  }
  // Settlement points, grouped where they crowd. ``points.layer`` is the overlay and
  // ``points.set(idx)`` replaces the points shown (their indexes in the payload: a filter
  // change, a play step).
  var points = window.Supercluster ? superclusterPoints() : markerClusterPoints();
  self.points = points;

  // Supercluster (a k-d tree per zoom: 10,000 points in tens of milliseconds, where
  // Leaflet.markercluster takes about a second); only what is in view is on the map.
  function superclusterPoints() {
    var layer = L.featureGroup(), index = null, drawn = {}, gen = 0;
    var maxZoom = map.getMaxZoom();
    function draw() {
      if (!index || !map.hasLayer(layer)) { return; }
      // a screen's margin around the view (as Leaflet.markercluster keeps): a popup's
      // auto-pan or a small move does not take the points near the edge away
      var b = map.getBounds().pad(1);
      var items = index.getClusters([b.getWest(), Math.max(-90, b.getSouth()), b.getEast(),
                                     Math.min(90, b.getNorth())], Math.round(map.getZoom()));
      var next = {};
      for (var k = 0; k < items.length; k++) {
        var f = items[k], p = f.properties, key, m;
        if (p.cluster) {
          key = "c" + gen + ":" + p.cluster_id;
          m = drawn[key] || L.marker([f.geometry.coordinates[1], f.geometry.coordinates[0]], {
            icon: clusterIcon(p.point_count), cluster: p.cluster_id, count: p.point_count,
            title: p.point_count + " claims: click to zoom in"});
        } else {
          key = "p" + p.i;
          m = marker(p.i);
        }
        next[key] = m;
        // a new payload makes new markers under the same keys: the old one goes
        if (drawn[key] !== m) { layer.addLayer(m); }
      }
      Object.keys(drawn).forEach(function (key) {
        if (next[key] !== drawn[key]) { layer.removeLayer(drawn[key]); }
      });
      drawn = next;
    }
    // a group: zoom in until it splits; at the closest zoom, list its claims
    layer.on("click", function (e) {
      var m = e.layer;
      if (!m || !m.options || m.options.cluster === undefined || m.getPopup()) { return; }
      var zoom = index.getClusterExpansionZoom(m.options.cluster);
      if (zoom <= maxZoom && map.getZoom() < maxZoom) {
        map.setView(m.getLatLng(), zoom);
        return;
      }
      var items = index.getLeaves(m.options.cluster, Infinity).map(function (f) {
        return f.properties.i;
      }).sort(function (a, b) { return a - b; });  // most recent first
      var shown = items.slice(0, O.popupClaims).map(function (i) {
        return pointPopup({options: {i: i}});
      });
      var more = items.length - shown.length;
      m.bindPopup("<b>" + plural(items.length, "claim") + " here</b><hr>" + shown.join("<hr>")
        + (more > 0 ? "<hr><i>and " + more + " more in the Claims table</i>" : ""),
                  {maxWidth: 380}).openPopup();
    });
    map.on("moveend", draw);
    layer.on("add", draw);
    return {
      layer: layer,
      set: function (idx) {
        gen += 1;
        var pts = self.P.pts, features = new Array(idx.length);
        for (var k = 0; k < idx.length; k++) {
          var i = idx[k];
          features[k] = {type: "Feature", properties: {i: i}, geometry: {
            type: "Point", coordinates: [pts.lon[i] / 1e4, pts.lat[i] / 1e4]}};
        }
        index = new Supercluster({radius: 50, maxZoom: maxZoom, minZoom: 0}).load(features);
        draw();
      }
    };
  }

  // Leaflet.markercluster, when the page has no Supercluster (an asset folder fetched
  // before it was added: run `make setup`)
  function markerClusterPoints() {
    // one synchronous load (behind the "updating" sign): Leaflet.markercluster's chunked
    // loading breaks when the map moves or the group is replaced before it has finished
    var options = {chunkedLoading: false, maxClusterRadius: 50, spiderfyOnMaxZoom: true,
                   showCoverageOnHover: false,
                   iconCreateFunction: function (c) { return clusterIcon(c.getChildCount()); }};
    var api = {layer: L.markerClusterGroup(options)};
    // a new cluster group for every new set of points: clearing one while its chunked
    // loading still runs (a quick second filter change or play step) breaks it
    api.set = function (idx) {
      var shownBefore = map.hasLayer(api.layer);
      var next = L.markerClusterGroup(options);
      bindOnDemand(next);
      next.addLayers(idx.map(marker));
      layerControl.removeLayer(api.layer);
      if (shownBefore) { map.removeLayer(api.layer); }
      api.layer = next;
      layerControl.addOverlay(next, "Settlements (points)");
      if (shownBefore) { map.addLayer(next); }
    };
    return api;
  }

  // claim regions in their own pane above the base outlines (which may arrive later,
  // fetched from a static file, and would otherwise be drawn over them)
  if (!map.getPane("claimsRegions")) { map.createPane("claimsRegions").style.zIndex = 450; }
  var regionRenderer = L.canvas({pane: "claimsRegions"});
  var regionLayer = L.featureGroup();
  var countryLayer = L.featureGroup();
  map.addLayer(regionLayer);
  map.addLayer(points.layer);
  map.addLayer(countryLayer);
  var narrow = map.getContainer().clientWidth < 640 || window.innerWidth < 640;
  var overlays = {};
  overlays["Settlements (points)"] = points.layer;
  overlays["Regions (claims per region)"] = regionLayer;
  overlays["Country-level claims (badges)"] = countryLayer;
  var layerControl = L.control.layers(O.baseLayers || {}, overlays,
                                      {collapsed: narrow, position: "topright"}).addTo(map);
  // country badges give way to regions and settlements at close zoom
  function badgeZoom() {
    var show = map.getZoom() <= O.badgeMaxZoom;
    countryLayer.eachLayer(function (m) {
      if (m.getElement && m.getElement()) {
        m.getElement().style.display = show ? "" : "none";
      }
    });
  }
  map.on("zoomend", badgeZoom);

  // ----------------------------------------------------------------------- data
  var markers = [], icons = [];
  function pointPopup(layer) {
    var P = self.P, i = layer.options.i, pts = P.pts;
    if (i < pts.details.length) { return pts.details[i]; }
    var t = P.types[pts.t[i]], c = P.claimants[pts.c[i]], p = P.places[pts.p[i]];
    return '<div class="claim-popup"><b style="color:' + t[1] + '">' + t[0] + "</b> · "
      + P.days[pts.d[i]] + (c ? "<br><i>claimant:</i> " + c : "")
      + (p ? "<br><i>place:</i> " + p : "")
      + "<br><small>evidence: see the Claims table</small></div>";
  }
  function pointTooltip(layer) {
    var P = self.P, i = layer.options.i, pts = P.pts, p = P.places[pts.p[i]];
    return P.types[pts.t[i]][0] + " · " + P.days[pts.d[i]] + (p ? " · " + p : "");
  }

  // a point's popup and tooltip are made when first asked for (a click, a hover, the
  // keyboard, or openPopup() from code), not for every point up front: binding 10,000
  // points costs more than drawing them. Events of the points reach their group.
  var ClaimMarker = L.Marker.extend({
    openPopup: function (latlng) {
      if (!this.getPopup()) { this.bindPopup(pointPopup, {maxWidth: 360}); }
      return L.Marker.prototype.openPopup.call(this, latlng);
    },
    openTooltip: function (latlng) {
      if (!this.getTooltip()) { this.bindTooltip(pointTooltip); }
      return L.Marker.prototype.openTooltip.call(this, latlng);
    }
  });
  function bindOnDemand(group) {
    group.on("click", function (e) {
      var m = e.layer;
      if (m instanceof ClaimMarker && !m.getPopup()) { m.openPopup(); }
    });
    group.on("mouseover", function (e) {
      var m = e.layer;
      if (m instanceof ClaimMarker && !m.getTooltip()) { m.openTooltip(); }
    });
  }
  bindOnDemand(points.layer);

  // the marker of point claim i of the payload, made when first drawn: at 10,000 claims
  // most points are inside groups and never need one
  function marker(i) {
    var m = markers[i];
    if (!m) {
      var pts = self.P.pts;
      m = markers[i] = new ClaimMarker([pts.lat[i] / 1e4, pts.lon[i] / 1e4],
                                       {icon: icons[pts.t[i]], i: i});
    }
    return m;
  }

  function load(P) {
    self.P = P;
    self.version += 1;
    P.dayN = P.days.map(dayNum);
    icons = P.types.map(function (t) {
      return L.divIcon({className: "claim-dot", iconSize: [12, 12],
                        html: '<span style="background:' + t[1] + '"></span>'});
    });
    markers = new Array(P.pts.lat.length);  // each made when first drawn (marker)
    var lo = P.range ? dayNum(P.range[0]) : (P.dayN.length ? Math.min.apply(null, P.dayN) : null);
    var hi = P.range ? dayNum(P.range[1]) : (P.dayN.length ? Math.max.apply(null, P.dayN) : null);
    play.lo = lo; play.hi = hi;
    if (play.cur === null || play.cur < lo || play.cur > hi) { play.cur = lo; }
    playSync();
    apply();
    writeView();
  }

  // claims of the current period (everything unless the play-through is on)
  function visible(dn) {
    if (!play.on) { return true; }
    if (play.mode === "cumulative") { return dn <= play.cur; }
    return dn > stepFrom(play.cur, -1) && dn <= play.cur;
  }

  function groupCounts(idx, dayIdx, typeIdx) {
    var out = {};  // group -> {n, types: {t: n}, items: [claim indexes, most recent first]}
    for (var k = 0; k < idx.length; k++) {
      if (!visible(self.P.dayN[dayIdx[k]])) { continue; }
      var g = out[idx[k]] || (out[idx[k]] = {n: 0, types: {}, items: []});
      g.n += 1;
      g.types[typeIdx[k]] = (g.types[typeIdx[k]] || 0) + 1;
      g.items.push(k);
    }
    return out;
  }
  function breakdown(types) {
    var P = self.P, keys = Object.keys(types).sort(function (a, b) {
      return types[b] - types[a];
    });
    var bar = '<span class="claims-bar">', text = [];
    var total = 0;
    keys.forEach(function (k) { total += types[k]; });
    keys.forEach(function (k) {
      var t = P.types[k];
      bar += '<span style="background:' + t[1] + ";width:" + (100 * types[k] / total).toFixed(1)
        + '%"></span>';
      text.push(t[0] + " " + types[k]);
    });
    return bar + "</span>" + text.join(", ");
  }
  function listPopup(title, g, group) {
    var P = self.P, items = g.items.slice().sort(function (a, b) {
      return P.dayN[group.d[b]] - P.dayN[group.d[a]];
    });
    var shown = items.slice(0, O.popupClaims).map(function (k) { return group.popups[k]; });
    var more = items.length - shown.length;
    return "<b>" + title + "</b> — " + plural(g.n, "claim") + "<hr>" + shown.join("<hr>")
      + (more > 0 ? "<hr><i>and " + more + " more in the Claims table</i>" : "");
  }
  function regionColor(n) {
    var s = O.scale;
    for (var i = s.length - 1; i >= 0; i--) { if (n >= s[i][0]) { return s[i][1]; } }
    return s[0][1];
  }

  function drawRegions() {
    var P = self.P, R = P.regions;
    regionLayer.clearLayers();
    var counts = groupCounts(R.r, R.d, R.t);
    Object.keys(counts).forEach(function (key) {
      var g = counts[key], f = R.features[key];
      var layer = L.geoJson({type: "Feature", geometry: f.geometry, properties: {}}, {
        pane: "claimsRegions", renderer: regionRenderer,
        style: {color: "#37474f", weight: 1.5, fillColor: regionColor(g.n),
                fillOpacity: 0.45, className: "claims-region"}});
      layer.bindTooltip("<b>" + f.name + "</b>" + (f.kind ? " (" + f.kind + ")" : "")
                        + " — " + plural(g.n, "claim") + "<br>" + breakdown(g.types),
                        {sticky: true});
      layer.bindPopup(function () { return listPopup(f.name, g, R); }, {maxWidth: 380});
      layer.options.region = f.name;
      regionLayer.addLayer(layer);
    });
    return counts;
  }

  function drawCountries() {
    var P = self.P, C = P.countries;
    countryLayer.clearLayers();
    var counts = groupCounts(C.k, C.d, C.t);
    Object.keys(counts).forEach(function (key) {
      var g = counts[key], f = C.features[key];
      var icon = L.divIcon({className: "claims-badge", iconSize: null,
        html: "<span>" + f.name + " · " + plural(g.n, "claim") + "</span>"});
      var m = L.marker([f.lat, f.lon], {icon: icon, keyboard: true,
                                         title: f.name + ": country-level claims"});
      m.bindTooltip("<b>" + f.name + "</b> (country-level, not a place on the map) — "
                    + plural(g.n, "claim") + "<br>" + breakdown(g.types));
      m.bindPopup(function () { return listPopup(f.name + " (whole country)", g, C); },
                  {maxWidth: 380});
      countryLayer.addLayer(m);
    });
    badgeZoom();
    return counts;
  }

  var shownIdx = [];
  function apply() {
    var P = self.P;
    if (!P) { return; }
    var pts = P.pts, byType = {}, shown = 0;
    var sel = [];
    for (var i = 0; i < markers.length; i++) {
      if (visible(P.dayN[pts.d[i]])) {
        sel.push(i);
        byType[pts.t[i]] = (byType[pts.t[i]] || 0) + 1;
      }
    }
    shownIdx = sel;
    points.set(sel);
    shown += sel.length;
    var rc = drawRegions(), cc = drawCountries();
    [[rc, P.regions], [cc, P.countries]].forEach(function (pair) {
      Object.keys(pair[0]).forEach(function (key) {
        var g = pair[0][key];
        shown += g.n;
        Object.keys(g.types).forEach(function (t) { byType[t] = (byType[t] || 0) + g.types[t]; });
      });
    });
    legend(byType, shown, cc);
  }

  // ----------------------------------------------------------------------- legend
  var legendCtl = L.control({position: "bottomright"});
  var legendDiv;
  legendCtl.onAdd = function () {
    legendDiv = el("div", "claims-legend" + (narrow ? " collapsed" : ""));
    L.DomEvent.disableClickPropagation(legendDiv);
    L.DomEvent.disableScrollPropagation(legendDiv);
    return legendDiv;
  };
  legendCtl.addTo(map);
  function legend(byType, shown, countryCounts) {
    var P = self.P, total = P.total;
    var period = "";
    if (play.on) {
      period = play.mode === "cumulative" ? "up to " + isoOf(play.cur)
        : (play.step === "day" ? "on " + isoOf(play.cur)
           : isoOf(stepFrom(play.cur, -1) + 1) + " to " + isoOf(play.cur));
    }
    var h = '<div class="claims-legend-head"><span id="claim-count" data-count="' + total
      + '" data-shown="' + shown + '"><b>' + shown.toLocaleString("en") + "</b> "
      + (shown === 1 ? "claim" : "claims")
      + (play.on ? " " + period + " (of " + total.toLocaleString("en") + ")" : "")
      + (!play.on && P.drawn < total ? " (drawn: " + P.drawn.toLocaleString("en") + ")" : "")
      + '</span><button class="claims-legend-toggle" title="Show or hide the legend">'
      + "≡</button></div>";
    h += '<div class="claims-legend-body">';
    if (shown === 0) {
      h += '<div class="claims-empty">No claims '
        + (play.on ? period : "match the filter") + ".</div>";
    }
    P.typeOrder.forEach(function (k) {
      var n = byType[k] || 0;
      if (!n) { return; }
      var t = P.types[k];
      h += '<div class="claims-type"><span class="dot" style="background:' + t[1]
        + '"></span> ' + t[0] + ' <span class="n">' + n.toLocaleString("en") + "</span></div>";
    });
    h += '<div class="claims-key"><span class="claims-cluster-key">12</span> '
      + "settlement claims grouped (click to zoom)</div>";
    if (P.regions.features.length) {
      h += '<div class="claims-key">Region claims: shade = number of claims '
        + O.scale.map(function (s) {
          return '<span class="sw" style="background:' + s[1] + '" title="' + s[0]
            + '+"></span>';
        }).join("") + "</div>";
    }
    var ck = Object.keys(countryCounts);
    if (ck.length) {
      h += '<details class="claims-countries"><summary>Country-level claims: '
        + ck.map(function (k) {
          return P.countries.features[k].name + " " + countryCounts[k].n;
        }).join(", ") + "</summary>";
      ck.forEach(function (k) {
        h += '<div class="claims-country-list">'
          + listPopup(P.countries.features[k].name + " (whole country)", countryCounts[k],
                      P.countries) + "</div>";
      });
      h += "</details>";
    }
    h += "</div>";
    legendDiv.innerHTML = h;
    legendDiv.querySelector(".claims-legend-toggle").onclick = function () {
      L.DomUtil.hasClass(legendDiv, "collapsed") ? L.DomUtil.removeClass(legendDiv, "collapsed")
        : L.DomUtil.addClass(legendDiv, "collapsed");
    };
  }

  // ----------------------------------------------------------------------- play-through
  var playCtl = L.control({position: "bottomleft"});
  var pc = {};
  playCtl.onAdd = function () {
    var d = el("div", "claims-play leaflet-bar");
    d.innerHTML = '<button class="claims-play-open" title="Play the claims through time">'
      + "▶ Play-through</button>"
      + '<div class="claims-play-panel">'
      + '<button class="claims-play-prev" title="Step back">◀</button>'
      + '<button class="claims-play-btn" title="Play / pause">Play</button>'
      + '<button class="claims-play-next" title="Step forward">▶</button>'
      + '<input class="claims-play-slider" type="range" step="1" aria-label="Day">'
      + '<span class="claims-play-date"></span>'
      + '<select class="claims-play-step" aria-label="Step"><option value="day">day</option>'
      + '<option value="week">week</option><option value="month">month</option></select>'
      + '<select class="claims-play-mode" aria-label="Show">'
      + '<option value="window">that period</option>'
      + '<option value="cumulative">everything up to it</option></select>'
      + '<button class="claims-play-close" title="Close: show every claim">✕</button></div>';
    L.DomEvent.disableClickPropagation(d);
    L.DomEvent.disableScrollPropagation(d);
    ["open", "panel", "prev", "btn", "next", "slider", "date", "step", "mode", "close"]
      .forEach(function (k) { pc[k] = d.querySelector(".claims-play-" + k); });
    pc.root = d;
    pc.open.onclick = function () { setPlay(true); };
    pc.close.onclick = function () { stop(); setPlay(false); };
    pc.prev.onclick = function () { stop(); go(stepFrom(play.cur, -1)); };
    pc.next.onclick = function () { stop(); go(stepFrom(play.cur, 1)); };
    pc.btn.onclick = function () { play.timer ? stop() : start(); };
    pc.slider.oninput = function () { stop(); go(+pc.slider.value); };
    pc.step.onchange = function () { play.step = pc.step.value; go(play.cur); };
    pc.mode.onchange = function () { play.mode = pc.mode.value; go(play.cur); };
    return d;
  };
  playCtl.addTo(map);
  if (O.playOpen) { play.open = true; play.on = true; }
  function playSync() {
    // reference layers (assessed control) follow the play-through's day
    map.fire("claims:day", {day: play.on && play.cur !== null ? isoOf(play.cur) : null});
    if (!pc.root) { return; }
    L.DomUtil[play.open ? "addClass" : "removeClass"](pc.root, "open");
    if (play.lo === null || play.lo === undefined) {
      pc.open.disabled = true;
      return;
    }
    pc.open.disabled = false;
    pc.slider.min = play.lo;
    pc.slider.max = play.hi;
    pc.slider.value = play.cur;
    pc.date.textContent = isoOf(play.cur);
    pc.btn.textContent = play.timer ? "Pause" : "Play";
  }
  function setPlay(open) {
    play.open = open;
    play.on = open;
    playSync();
    apply();
  }
  function go(n) {
    if (play.lo === null) { return; }
    play.cur = Math.max(play.lo, Math.min(play.hi, n));
    playSync();
    apply();
  }
  function start() {
    if (play.cur >= play.hi) { play.cur = play.lo; }
    play.timer = setInterval(function () {
      if (play.cur >= play.hi) { stop(); return; }
      go(stepFrom(play.cur, 1));
    }, O.playInterval);
    playSync();
    apply();
  }
  function stop() {
    if (play.timer) { clearInterval(play.timer); play.timer = null; }
    playSync();
  }
  self.play = {open: function () { setPlay(true); }, close: function () { stop(); setPlay(false); },
               go: function (iso) { go(dayNum(iso)); }, state: play,
               setStep: function (s) { play.step = s; pc.step.value = s; go(play.cur); },
               setMode: function (m) { play.mode = m; pc.mode.value = m; go(play.cur); }};

  // ----------------------------------------------------------------------- view
  // the view the analyst left in this session (the page gives a scope per session): a
  // map coming back after another page opens there, not at the claims' extent
  var viewKey = O.viewScope ? "claimsMapView:" + O.viewScope : null;
  function keptView() {
    try {
      var v = viewKey && JSON.parse(window.parent.sessionStorage.getItem(viewKey));
      return v && isFinite(v.lat) && isFinite(v.lon) && isFinite(v.z) ? v : null;
    } catch (e) { return null; }
  }
  function keepView() {
    if (!viewKey || !self.viewSet) { return; }  // nothing to keep before the first view
    try {
      var c = map.getCenter();
      window.parent.sessionStorage.setItem(viewKey, JSON.stringify(
        {lat: c.lat, lon: c.lng, z: map.getZoom(), fitKey: self.fitKey || null}));
    } catch (e) { /* no storage: the map fits the claims when it comes back */ }
  }
  function setView(P) {
    var kept = self.viewSet ? null : keptView();
    if (kept) {
      self.viewSet = true;
      self.fitKey = kept.fitKey;  // a region fitted before stays as the analyst moved it
      map.setView([kept.lat, kept.lon], kept.z);
    }
    if (P.view && !self.viewSet) {
      map.setView([P.view[0], P.view[1]], P.view[2]);
      self.viewSet = true;
    } else if (!self.viewSet && P.bounds) {
      map.fitBounds(P.bounds, {padding: [20, 20], maxZoom: O.fitMaxZoom});
      self.viewSet = true;
    }
    if (P.fit && P.fitKey && P.fitKey !== self.fitKey) {
      map.fitBounds(P.fit, {padding: [40, 40], maxZoom: O.fitMaxZoom});
    }
    self.fitKey = P.fitKey || null;
  }
  // the view goes into the page's URL (lat, lon, z), so a shared link opens it
  function writeView() {
    keepView();
    try {
      var w = window.parent;
      if (!w || w === window) { return; }
      var u = new URL(w.location.href), c = map.getCenter();
      u.searchParams.set("lat", c.lat.toFixed(4));
      u.searchParams.set("lon", c.lng.toFixed(4));
      u.searchParams.set("z", String(map.getZoom()));
      if (u.toString() !== w.location.href) {
        w.history.replaceState(w.history.state, "", u.toString());
      }
    } catch (e) { /* not same-origin: no URL */ }
  }
  map.on("moveend", writeView);
  self.writeView = writeView;

  // ----------------------------------------------------------------------- entry point
  self.timing = {};
  self.update = function (P) {
    self.timing = {received: Date.now()};
    // the view first, now: a view given by the page (a shared link) is applied after
    // this call and must win over fitting the claims
    setView(P);
    busy(true);
    // let the browser paint the "updating" sign before the work
    setTimeout(function () {
      try { load(P); } finally { busy(false); }
      self.timing.loaded = Date.now();
    }, 16);
  };
  // Streamlit sizes the frame late: redraw the canvas layers at the new size
  function redraw() { map.invalidateSize(); }
  if (window.ResizeObserver) { new ResizeObserver(redraw).observe(map.getContainer()); }
  self.map = map;
  self.regions = regionLayer;
  self.countries = countryLayer;
  self.shown = function () { return shownIdx.length; };
  return self;
};
