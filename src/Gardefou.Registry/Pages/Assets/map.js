// The finder's map, drawn in SVG on the device from files of this host only: coastline and borders (Natural Earth),
// départements (MapSVG, georeferenced by tools/derive-map.mjs), town names from the gazetteer the page already has,
// and, when the operator serves one, a raster PMTiles basemap from this host. Nothing here sends the search point.
'use strict';
window.GardefouMap = (() => {
  const ns = 'http://www.w3.org/2000/svg';
  // The drawing's size follows its box, so one unit is one CSS pixel and text keeps its size on a phone.
  let W = 600, H = 450;
  const KM_PER_DEGREE = 111.2;
  let basemap = null, basemapLoading = null, archive = null, generation = 0;

  function el(name, attributes, text) {
    const e = document.createElementNS(ns, name);
    for (const [k, v] of Object.entries(attributes || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function boxOf(ring) {
    let w = 180, e = -180, s = 90, n = -90;
    for (const [lo, la] of ring) { if (lo < w) w = lo; if (lo > e) e = lo; if (la < s) s = la; if (la > n) n = la; }
    return { w, e, s, n };
  }

  // The outlines are fetched once and each polygon's box computed once, so a redraw only culls and projects.
  function loadBasemap() {
    basemapLoading ??= fetch('/registry/data/basemap.json').then(r => r.json()).then(m => {
      basemap = {
        countries: m.countries.map(c => ({ name: c.name, polygons: c.polygons.map(p => ({ rings: p, box: boxOf(p[0]) })) })),
        departements: m.departements.map(d => ({ code: d.code, name: d.name, rings: d.rings, box: boxOf(d.rings.flat()) })),
      };
      return basemap;
    });
    return basemapLoading;
  }

  // A local equirectangular view centred on the search point: exact enough at 5–50 km, and cheap.
  function viewOf(state) {
    const k = (H / 2) / (state.radius * 1.15 / KM_PER_DEGREE);
    const cos = Math.cos(state.lat * Math.PI / 180);
    const spanLat = (H / 2) / k, spanLon = (W / 2) / (k * cos);
    return {
      k, cos,
      bounds: { w: state.lon - spanLon, e: state.lon + spanLon, s: state.lat - spanLat, n: state.lat + spanLat },
      px: (lon, lat) => [W / 2 + (lon - state.lon) * cos * k, H / 2 - (lat - state.lat) * k],
    };
  }

  const meets = (b, v) => b.e >= v.bounds.w && b.w <= v.bounds.e && b.n >= v.bounds.s && b.s <= v.bounds.n;
  const pathOf = (rings, v) => rings.map(r => 'M' + r.map(([lo, la]) => v.px(lo, la).map(n => n.toFixed(1)).join(',')).join('L') + 'Z').join('');

  function scaleBar(v, text) {
    // The longest round length that fits in a quarter of the map's width.
    const kmPerUnit = KM_PER_DEGREE / v.k;
    const km = [0.5, 1, 2, 5, 10, 20, 50, 100].filter(n => n / kmPerUnit <= W / 4).pop() || 0.5;
    const length = km / kmPerUnit, x = 14, y = H - 16;
    const g = el('g', { class: 'scale-bar', 'data-km': km });
    g.append(
      el('rect', { x: x - 6, y: y - 20, width: length + 12 + 44, height: 30, rx: 3, class: 'scale-bg' }),
      el('path', { d: `M${x},${y - 6}v6h${length.toFixed(1)}v-6`, class: 'scale-line' }),
      el('text', { x: x + length + 6, y: y + 1 }, text(km)));
    return g;
  }

  function townLabels(v, state, taken) {
    const g = el('g', { class: 'towns' });
    const towns = (state.communes || []).filter(c => c.lat !== null && c.precision !== 'parent' && c.population > 0 &&
      c.lat > v.bounds.s && c.lat < v.bounds.n && c.lon > v.bounds.w && c.lon < v.bounds.e)
      .sort((a, b) => b.population - a.population);
    let placed = 0;
    for (const c of towns) {
      if (placed >= 14) break;
      const [x, y] = v.px(c.lon, c.lat);
      const size = c.population > 100000 ? 14 : c.population > 20000 ? 12.5 : 11;
      const w = c.name.length * size * 0.56 + 4, h = size + 4;
      // Right of the dot, then left, above, below: the first place that covers no other label or mark.
      const box = [[x + 4, y - size], [x - 4 - w, y - size], [x - w / 2, y - size - 8], [x - w / 2, y + 4]]
        .map(([bx, by]) => ({ x: bx, y: by, w, h }))
        .find(b => b.x >= 0 && b.x + b.w <= W && b.y >= 0 && b.y + b.h <= H &&
          !taken.some(t => b.x < t.x + t.w && t.x < b.x + b.w && b.y < t.y + t.h && t.y < b.y + b.h));
      if (!box) continue;
      taken.push(box);
      g.append(el('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: 2.5, class: 'town-dot' }),
        el('text', { x: (box.x + 1).toFixed(1), y: (box.y + size).toFixed(1), class: 'town', 'font-size': size }, c.name));
      placed++;
    }
    return g;
  }

  /** The status of a result's mark; each has a colour and a shape, and the legend says what each means. */
  function statusOf(sum) {
    if (sum.checkedAt === null) return 'unknown';
    if (sum.stale) return 'unverified';
    return sum.some ? 'available' : 'none';
  }

  function siteMark(r, i, v) {
    const [x, y] = v.px(r.site.lon, r.site.lat);
    const status = statusOf(r.sum);
    const g = el('g', { class: `site ${status}`, 'data-status': status });
    g.append(el('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: 9 }),
      el('text', { x: x.toFixed(1), y: (y + 4).toFixed(1), 'text-anchor': 'middle' }, String(i + 1)));
    return g;
  }

  function searchMark(state, v, taken) {
    const [x, y] = v.px(state.lon, state.lat);
    const g = el('g', { class: 'me' });
    g.append(el('title', {}, state.youText),
      el('path', { d: `M${x - 9},${y}h18M${x},${y - 9}v18`, class: 'me-cross' }),
      el('circle', { cx: x, cy: y, r: 4, class: 'me-dot' }),
      el('text', { x: x, y: y + 24, 'text-anchor': 'middle', class: 'me-label' }, state.label));
    const w = state.label.length * 7.5;
    taken.push({ x: x - w / 2, y: y + 10, w, h: 18 }, { x: x - 10, y: y - 10, w: 20, h: 20 });
    return g;
  }

  // Operator's raster basemap: tiles from /registry/basemap.pmtiles (range requests to this host), at the zoom
  // whose pixels are closest to the map's units, each tile placed by its corners.
  async function drawRaster(settings, state, v, layer, mine) {
    if (!settings || !settings.basemap || !window.pmtiles) return;
    archive ??= new window.pmtiles.PMTiles(settings.basemap.url);
    const header = await archive.getHeader();
    const mime = { 2: 'image/png', 3: 'image/jpeg', 4: 'image/webp' }[header.tileType];
    if (!mime) return; // vector archives are not drawn: the page draws rasters only (docs/registry.md)
    const wanted = Math.round(Math.log2(360 * v.cos * v.k / 256));
    const z = Math.max(header.minZoom, Math.min(header.maxZoom, wanted));
    const n = 2 ** z;
    const tx = lon => Math.floor((lon + 180) / 360 * n);
    const ty = lat => Math.floor((1 - Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)) / Math.PI) / 2 * n);
    const lonOf = x => x / n * 360 - 180;
    const latOf = y => Math.atan(Math.sinh(Math.PI * (1 - 2 * y / n))) * 180 / Math.PI;
    const jobs = [];
    for (let x = tx(v.bounds.w); x <= tx(v.bounds.e); x++) {
      for (let y = ty(v.bounds.n); y <= ty(v.bounds.s); y++) {
        jobs.push(archive.getZxy(z, x, y).then(async tile => {
          if (!tile || mine !== generation) return;
          const url = await new Promise(done => {
            const reader = new FileReader();
            reader.onload = () => done(reader.result);
            reader.readAsDataURL(new Blob([tile.data], { type: mime }));
          });
          const [x0, y0] = v.px(lonOf(x), latOf(y)), [x1, y1] = v.px(lonOf(x + 1), latOf(y + 1));
          layer.append(el('image', { href: url, x: x0.toFixed(1), y: y0.toFixed(1), width: (x1 - x0).toFixed(1), height: (y1 - y0).toFixed(1), preserveAspectRatio: 'none' }));
        }));
      }
    }
    await Promise.all(jobs);
  }

  function legend(key, t) {
    const list = document.createElement('ul');
    list.id = 'map-legend';
    list.setAttribute('aria-label', t.legendTitle);
    const item = (svgContent, text) => {
      const li = document.createElement('li');
      const icon = el('svg', { viewBox: '0 0 24 24', width: 24, height: 24, 'aria-hidden': 'true' });
      icon.append(...svgContent);
      li.append(icon, ' ', text);
      list.append(li);
    };
    for (const status of ['available', 'none', 'unverified', 'unknown']) {
      const g = el('g', { class: `site ${status}` });
      g.append(el('circle', { cx: 12, cy: 12, r: 9 }));
      item([g], t.legend[status]);
    }
    item([el('path', { d: 'M3,12h18M12,3v18', class: 'me-cross' })], t.legend.you);
    item([el('circle', { cx: 12, cy: 12, r: 9, class: 'radius' })], t.legend.radius);
    key.replaceChildren(list);
  }

  /**
   * Draws the map of one search into <paramref name="container"/>: state = { lat, lon, label, radius, results,
   * communes, youText }, t = the page's texts in the current language, settings = /registry/data/page.json.
   */
  async function draw(container, state, t, settings) {
    const mine = ++generation;
    const map = await loadBasemap();
    if (mine !== generation) return;
    W = Math.round(Math.max(300, Math.min(960, container.clientWidth || 600)));
    H = Math.round(W < 560 ? W * 1.05 : Math.min(W * 0.62, 560));
    const v = viewOf(state);
    const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': t.mapLabel(state.results.length, state.label) });
    svg.append(el('rect', { x: 0, y: 0, width: W, height: H, class: 'sea' }));
    const land = el('g', { class: 'land' });
    for (const c of map.countries) {
      for (const p of c.polygons) if (meets(p.box, v)) land.append(el('path', { d: pathOf(p.rings, v), 'data-country': c.name }));
    }
    const raster = el('g', { class: 'raster' });
    const departements = el('g', { class: 'departements' });
    for (const d of map.departements) {
      if (meets(d.box, v)) departements.append(el('path', { d: pathOf(d.rings, v), 'data-code': d.code }, undefined));
    }
    const borders = el('g', { class: 'borders' });
    for (const c of map.countries) {
      for (const p of c.polygons) if (meets(p.box, v)) borders.append(el('path', { d: pathOf(p.rings, v) }));
    }
    const radius = el('circle', { cx: W / 2, cy: H / 2, r: (state.radius / KM_PER_DEGREE * v.k).toFixed(1), class: 'radius' });
    const taken = [];
    const me = searchMark(state, v, taken);
    const sites = el('g', { class: 'sites' });
    state.results.forEach((r, i) => {
      sites.append(siteMark(r, i, v));
      const [x, y] = v.px(r.site.lon, r.site.lat);
      taken.push({ x: x - 10, y: y - 10, w: 20, h: 20 });
    });
    svg.append(land, raster, departements, borders, radius, townLabels(v, state, taken), sites, me, scaleBar(v, t.scaleKm));
    const credit = document.createElement('p');
    credit.className = 'map-credit';
    credit.textContent = t.mapCredit + (settings && settings.basemap && settings.basemap.attribution ? ` · ${settings.basemap.attribution}` : '');
    container.replaceChildren(svg);
    const key = document.getElementById('map-key');
    legend(key, t);
    key.append(credit);
    try {
      await drawRaster(settings, state, v, raster, mine);
    } catch (err) {
      console.warn('basemap not drawn', err);
    }
  }

  function clear(container) {
    generation++;
    container.replaceChildren();
    document.getElementById('map-key').replaceChildren();
  }

  return { draw, clear };
})();
