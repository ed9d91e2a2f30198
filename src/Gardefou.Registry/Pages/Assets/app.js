// Gardefou public search. Everything about the searcher (place typed, position) stays in this page: it downloads
// the gazetteer and the 0.25°×0.25° tile files around the place, then filters and sorts locally. No request carries a
// place name or a coordinate, and every request goes to this host.
'use strict';
(() => {
  const T = window.GardefouText;
  // The language chosen is remembered on this device only (localStorage), never sent: ?lang= wins, then the choice
  // made here before, then the browser's language.
  const LANG_KEY = 'gardefou.lang';
  const stored = (() => { try { return localStorage.getItem(LANG_KEY); } catch { return null; } })();
  let lang = (new URLSearchParams(location.search).get('lang') || stored || navigator.language || 'en').toLowerCase().startsWith('fr') ? 'fr' : 'en';
  const $ = id => document.getElementById(id);
  const fold = s => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ').trim().split(' ').map(w => w === 'st' ? 'saint' : w === 'ste' ? 'sainte' : w).join(' ');
  let communes = null, tileIndex = null, settings = null, last = null;
  const tileCache = new Map();

  function applyLanguage() {
    document.documentElement.lang = lang;
    for (const el of document.querySelectorAll('[data-i18n]')) {
      const v = T[lang][el.dataset.i18n];
      if (typeof v === 'string') el.textContent = v;
    }
    const toggle = $('lang-toggle');
    toggle.textContent = lang === 'fr' ? 'English' : 'Français';
    toggle.lang = lang === 'fr' ? 'en' : 'fr';
    document.title = T[lang].title + ' — Gardefou';
    if (last) render(last);
  }

  async function loadCommunes() {
    if (communes) return communes;
    const text = await (await fetch('/registry/data/communes.tsv')).text();
    communes = [];
    for (const line of text.split('\n').slice(1)) {
      const f = line.split('\t');
      if (f.length < 7) continue;
      communes.push({ code: f[0], name: f[1], folded: fold(f[1]), postcodes: f[2].split(' '), population: +f[3], lat: f[5] ? +f[5] : null, lon: f[6] ? +f[6] : null, precision: f[7] || '' });
    }
    return communes;
  }

  function resolve(text) {
    const q = text.trim();
    if (!q) return null;
    const located = c => c.lat !== null;
    const best = list => list.filter(located).sort((a, b) => b.population - a.population)[0] || null;
    if (/^\d{5}$/.test(q)) return best(communes.filter(c => c.postcodes.includes(q)));
    const f = fold(q);
    return best(communes.filter(c => c.folded === f)) || best(communes.filter(c => c.folded.startsWith(f)));
  }

  function suggest() {
    if (!communes) return;
    const f = fold($('place').value);
    const list = $('place-suggestions');
    list.replaceChildren();
    if (f.length < 2) return;
    communes.filter(c => c.folded.startsWith(f)).sort((a, b) => b.population - a.population).slice(0, 8).forEach(c => {
      const o = document.createElement('option');
      o.value = c.name;
      o.label = `${c.name} (${c.postcodes[0] || c.code.slice(0, 2)})`;
      list.append(o);
    });
  }

  async function fetchJson(path) {
    const r = await fetch(path, { cache: 'no-cache' });
    if (!r.ok) throw new Error(`${r.status}`);
    return r.json();
  }

  // Tiles are fetched in whole blocks, at least 3×3 around the place, so the server learns a region, never a point.
  async function sitesAround(lat, lon, radiusKm) {
    tileIndex = await fetchJson('/registry/static/tiles/index.json');
    const size = tileIndex.tileSizeDegrees;
    const dLat = Math.max(size, radiusKm / 111.2), dLon = Math.max(size, radiusKm / (111.2 * Math.cos(lat * Math.PI / 180)));
    const wanted = [];
    for (let a = Math.floor((lat - dLat) / size); a <= Math.floor((lat + dLat) / size); a++)
      for (let o = Math.floor((lon - dLon) / size); o <= Math.floor((lon + dLon) / size); o++) wanted.push(`tiles/${a}_${o}.json`);
    const present = new Map(tileIndex.tiles.map(t => [t.path, t.etag]));
    const sites = [];
    await Promise.all(wanted.filter(p => present.has(p)).map(async p => {
      const cached = tileCache.get(p);
      if (!cached || cached.etag !== present.get(p)) tileCache.set(p, { etag: present.get(p), data: await fetchJson(`/registry/static/${p}`) });
      sites.push(...tileCache.get(p).data.sites);
    }));
    return sites;
  }

  const toRad = d => d * Math.PI / 180;
  function distanceKm(a, b, c, d) {
    const x = Math.sin(toRad(c - a) / 2) ** 2 + Math.cos(toRad(a)) * Math.cos(toRad(c)) * Math.sin(toRad(d - b) / 2) ** 2;
    return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(x)));
  }

  function isOpen(hours, now) {
    if (!hours) return null;
    const days = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
    // Opening hours are in the site's zone (Europe/Paris for all current sites): compare in that zone's wall time.
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', weekday: 'short', hour: '2-digit', minute: '2-digit', year: 'numeric', month: '2-digit', day: '2-digit', hourCycle: 'h23' })
      .formatToParts(now).map(p => [p.type, p.value]));
    const day = parts.weekday.slice(0, 2).toUpperCase(), date = `${parts.year}-${parts.month}-${parts.day}`, minutes = +parts.hour * 60 + +parts.minute;
    const rules = hours.split(/\n|\|/).map(l => Object.fromEntries(l.split(';').map(p => p.split('='))));
    const m = t => t === '24:00' ? 1440 : (+t.slice(0, 2)) * 60 + +t.slice(3, 5);
    const todays = rules.filter(r => r.EXDATE === date || r.RDATE === date);
    const applicable = todays.length ? todays : rules.filter(r => r.BYDAY && r.BYDAY.split(',').includes(day));
    return applicable.some(r => !r.EXDATE && minutes >= m(r.OPENS) && minutes < m(r.CLOSES));
  }

  function summarize(site, type, now, ttl) {
    const matching = site.resources.filter(r => r.type.startsWith(type + '.'));
    if (!matching.length) return null;
    const reported = matching.filter(r => r.checkedAt);
    const stale = r => now >= Math.min(Date.parse(r.validUntil), Date.parse(r.checkedAt) + ttl[type] * 1000);
    const fresh = reported.filter(r => !stale(r));
    const chosen = fresh.length ? fresh : reported;
    let available = null, band = null, checkedAt = null, source = null;
    const order = ['none', 'low', 'some', 'many'];
    for (const r of chosen) {
      if (r.closed) available = available ?? 0;
      else if (typeof r.available === 'number') available = (available ?? 0) + r.available;
      if (r.band && (band === null || order.indexOf(r.band) > order.indexOf(band))) band = r.band;
      const t = Date.parse(r.checkedAt);
      if (checkedAt === null || t < checkedAt) checkedAt = t;
      source = r.source;
    }
    const closed = chosen.length > 0 && chosen.every(r => r.closed);
    return { available, band, checkedAt, source, closed, stale: chosen.length > 0 && !fresh.length, some: chosen.some(r => !r.closed && (r.available > 0 || (r.available === undefined && r.band && r.band !== 'none'))) };
  }

  async function search(lat, lon, label) {
    $('status').textContent = T[lang].loading;
    await loadSettings();
    const radius = +$('radius').value, type = $('type').value, now = Date.now();
    const sites = await sitesAround(lat, lon, radius);
    const results = [];
    for (const s of sites) {
      const d = distanceKm(lat, lon, s.lat, s.lon);
      if (d > radius) continue;
      if ($('wheelchair').checked && !s.wheelchair) continue;
      const sum = summarize(s, type, now, tileIndex.ttlSeconds);
      if (!sum) continue;
      const open = isOpen(s.hours, new Date(now));
      if ($('open-now').checked && open !== true) continue;
      if ($('available-now').checked && (sum.stale || !sum.some)) continue;
      results.push({ site: s, distance: d, sum, open });
    }
    results.sort((a, b) => a.distance - b.distance || a.site.id.localeCompare(b.site.id));
    last = { lat, lon, label, radius, results: results.slice(0, settings.search.limit), now };
    render(last);
  }

  function availabilityText(sum) {
    const t = T[lang];
    if (sum.checkedAt === null) return t.noNumber;
    if (sum.closed) return t.closed;
    if (sum.available !== null) return sum.available === 0 ? t.soldOut : t.left(sum.available);
    return t.band[sum.band] || t.noNumber;
  }

  function ageText(sum, now) {
    const t = T[lang];
    if (sum.checkedAt === null) return '';
    if (sum.stale) return t.unverified(new Date(sum.checkedAt).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { hour: '2-digit', minute: '2-digit', day: 'numeric', month: 'short' }));
    return t.updated(t.ago((now - sum.checkedAt) / 1000));
  }

  function render(state) {
    const t = T[lang], list = $('results');
    list.replaceChildren();
    $('status').textContent = state.results.length ? t.found(state.results.length, state.label) : t.none;
    state.results.forEach((r, i) => {
      const li = document.createElement('li');
      li.className = 'result';
      li.dataset.siteId = r.site.id;
      const h = document.createElement('h3');
      h.textContent = `${i + 1}. ${r.site.name}`;
      const count = document.createElement('p');
      const strong = document.createElement('span');
      strong.className = 'count';
      strong.textContent = availabilityText(r.sum);
      const age = document.createElement('span');
      age.className = 'age' + (r.sum.stale ? ' stale' : '');
      age.textContent = ageText(r.sum, state.now);
      count.append(strong, ' — ', age);
      if (r.sum.source) count.append(` (${t.source(r.sum.source)})`);
      const meta = document.createElement('p');
      const tags = [t.kinds[r.site.kind] || r.site.kind, t.km(r.distance)];
      if (r.open !== null) tags.push(r.open ? t.openNowYes : t.openNowNo);
      if (r.site.wheelchair) tags.push(t.wheel);
      if (r.site.walkIn) tags.push(t.walkIn);
      if (r.site.driveThrough) tags.push(t.drive);
      if (r.site.appointmentRequired) tags.push(t.appointment);
      meta.textContent = tags.join(' · ');
      const address = document.createElement('p');
      address.textContent = r.site.address;
      li.append(h, count, meta, address);
      if (r.site.phone) {
        const a = document.createElement('a');
        a.href = `tel:${r.site.phone.replace(/\s/g, '')}`;
        a.textContent = `${t.call} ${r.site.phone}`;
        li.append(a);
      }
      list.append(li);
    });
    drawMap(state).catch(err => console.warn("map not drawn", err));
  }

  // Server settings (an operator's basemap); the PMTiles reader is loaded only when a basemap is configured.
  let settingsLoading = null;
  function loadSettings() {
    settingsLoading ??= fetchJson('/registry/data/page.json').then(async loaded => {
      if (loaded.basemap && !window.pmtiles) {
        await new Promise(done => {
          const script = document.createElement('script');
          script.src = '/registry/assets/pmtiles.js';
          script.onload = script.onerror = done;
          document.head.append(script);
        });
      }
      settings = loaded;
      return settings;
    });
    return settingsLoading;
  }

  async function drawMap(state) {
    await loadSettings();
    await window.GardefouMap.draw($('map'), { ...state, communes, youText: T[lang].you }, T[lang], settings);
  }

  // A failed search leaves nothing of the previous one on screen: no list, no map, nothing to re-render.
  function clearResults(message) {
    last = null;
    $('results').replaceChildren();
    window.GardefouMap.clear($('map'));
    $('status').textContent = message;
  }

  // The distances offered and the default one are the server's (SearchDefaults), as the API and lite page use.
  async function applyDefaults() {
    const defaults = (await loadSettings()).search;
    const select = $('radius'), chosen = +select.value;
    select.replaceChildren(...defaults.radiusChoicesKm.map(km => {
      const o = document.createElement('option');
      o.value = String(km);
      o.textContent = `${km} km`;
      o.selected = select.dataset.touched ? km === chosen : km === defaults.radiusKm;
      return o;
    }));
  }

  document.addEventListener('DOMContentLoaded', () => {
    applyLanguage();
    $('radius').addEventListener('change', () => { $('radius').dataset.touched = '1'; });
    applyDefaults().catch(err => console.warn('defaults not loaded', err));
    $('lang-toggle').addEventListener('click', () => {
      lang = lang === 'fr' ? 'en' : 'fr';
      try { localStorage.setItem(LANG_KEY, lang); } catch { /* storage disabled: the choice lasts this visit */ }
      applyLanguage();
    });
    $('place').addEventListener('input', () => loadCommunes().then(suggest));
    $('search').addEventListener('submit', async e => {
      e.preventDefault();
      try {
        $('status').textContent = T[lang].loading;
        await loadCommunes();
        const place = resolve($('place').value);
        if (!place) { clearResults(T[lang].unknownPlace); return; }
        await search(place.lat, place.lon, `${place.name} (${place.postcodes[0] || ''})`);
      } catch (err) {
        clearResults(String(err));
      }
    });
    $('locate').addEventListener('click', () => {
      if (!navigator.geolocation) { clearResults(T[lang].geoDenied); return; }
      navigator.geolocation.getCurrentPosition(
        p => loadCommunes().then(() => search(p.coords.latitude, p.coords.longitude, T[lang].here)).catch(err => clearResults(String(err))),
        () => clearResults(T[lang].geoDenied),
        { maximumAge: 600000, timeout: 10000 });
    });
  });
})();
