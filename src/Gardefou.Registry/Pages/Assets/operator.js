// One-tap updates for site staff: the credential stays in this browser (localStorage only if asked) and goes only
// in the X-Site-Credential header to this host.
'use strict';
(() => {
  const $ = id => document.getElementById(id);
  const say = text => { $('status').textContent = text; };
  const names = {
    'test.pcr': 'PCR tests / Tests PCR', 'test.antigen': 'Antigen tests / Tests antigéniques', 'mask.surgical': 'Surgical masks / Masques chirurgicaux',
    'mask.ffp2': 'FFP2 masks / Masques FFP2', 'mask.child': 'Child masks / Masques enfant', 'bed.general': 'General beds / Lits',
    'bed.icu': 'ICU beds / Lits de réanimation', 'bed.oxygen': 'Beds with oxygen / Lits avec oxygène', 'bed.ventilator': 'Ventilator beds / Lits avec respirateur',
  };

  async function send(site, credential, body) {
    const r = await fetch(`/registry/v1/sites/${encodeURIComponent(site)}/availability`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Site-Credential': credential, 'X-Gardefou-Form': '1' }, body: JSON.stringify(body),
    });
    if (!r.ok) {
      const problem = await r.json().catch(() => ({}));
      throw new Error(problem.detail || `HTTP ${r.status}`);
    }
    return r.json();
  }

  function card(site, credential, resource) {
    const box = document.createElement('fieldset');
    const legend = document.createElement('legend');
    legend.textContent = names[resource.type] || resource.type;
    const current = document.createElement('p');
    current.textContent = typeof resource.available === 'number' ? `Now / Actuellement : ${resource.available}` : 'No number yet / Pas encore de chiffre';
    const id = `n-${resource.type.replace('.', '-')}`;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = 'Left / Restant';
    const input = document.createElement('input');
    input.id = id; input.type = 'number'; input.min = '0'; input.max = '1000000'; input.inputMode = 'numeric';
    const post = async (body, text) => {
      try {
        await send(site, credential, { type: resource.type, ...body });
        current.textContent = text;
        say(`${names[resource.type] || resource.type}: ${text} ✓`);
      } catch (e) { say(`Error / Erreur : ${e.message}`); }
    };
    const left = document.createElement('button');
    left.type = 'button';
    left.textContent = 'Send / Envoyer';
    left.addEventListener('click', () => {
      const n = Number(input.value);
      if (!Number.isInteger(n) || n < 0) { say('Enter a whole number / Saisissez un nombre entier'); return; }
      post({ available: n }, `${n} left / restant(s)`);
    });
    const soldOut = document.createElement('button');
    soldOut.type = 'button';
    soldOut.textContent = 'Sold out / Épuisé';
    soldOut.addEventListener('click', () => post({ available: 0 }, 'sold out / épuisé'));
    const closed = document.createElement('button');
    closed.type = 'button';
    closed.textContent = 'Closed / Fermé';
    closed.addEventListener('click', () => post({ closed: true }, 'closed / fermé'));
    box.append(legend, current, label, input, left, soldOut, closed);
    return box;
  }

  async function open(site, credential) {
    const r = await fetch(`/registry/v1/sites/${encodeURIComponent(site)}`);
    if (!r.ok) { say('Unknown site / Site inconnu'); return; }
    const info = await r.json();
    say(info.name);
    $('resources').replaceChildren(...info.resources.map(res => card(site, credential, res)));
  }

  document.addEventListener('DOMContentLoaded', () => {
    const saved = JSON.parse(localStorage.getItem('gardefou-operator') || 'null');
    if (saved) { $('site').value = saved.site; $('credential').value = saved.credential; $('remember').checked = true; }
    $('setup').addEventListener('submit', e => {
      e.preventDefault();
      const site = $('site').value.trim(), credential = $('credential').value.trim();
      if ($('remember').checked) localStorage.setItem('gardefou-operator', JSON.stringify({ site, credential }));
      else localStorage.removeItem('gardefou-operator');
      open(site, credential);
    });
  });
})();
