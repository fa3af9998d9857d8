// The region tree: ~3,300 regions once the full table is loaded, so children are put into the page only when a
// branch is opened, and the search box looks through an index of every region instead of the page.

import { regionLabel } from "./labels.js";

/** Every region by code, with its parent, from the /api/v1/regions tree. */
export class RegionIndex {
  constructor(root) {
    this.root = root;
    this.byCode = new Map();
    this.parentOf = new Map();
    const walk = (node, parent) => {
      this.byCode.set(node.code, node);
      if (parent) this.parentOf.set(node.code, parent.code);
      (node.children || []).forEach(c => walk(c, node));
    };
    walk(root, null);
  }

  get(code) { return this.byCode.get(code); }

  parent(code) { return this.byCode.get(this.parentOf.get(code)); }

  /** The region's ancestors from the root down, the region last. */
  path(code) {
    const out = [];
    for (let r = this.get(code); r; r = this.parent(r.code)) out.unshift(r);
    return out;
  }

  /** Regions whose code starts with the text or whose Chinese or English name contains it; closest first. */
  search(text, limit = 30) {
    const t = text.trim().toLowerCase();
    if (!t) return [];
    const hits = [];
    for (const r of this.byCode.values()) {
      const zh = (r.nameZh || "").toLowerCase(), en = (r.nameEn || "").toLowerCase();
      let score = -1;
      if (r.code === t || zh === t || en === t) score = 0;
      else if (r.code.startsWith(t) || zh.startsWith(t) || en.startsWith(t)) score = 1;
      else if (zh.includes(t) || en.includes(t)) score = 2;
      if (score >= 0) hits.push([score, r]);
    }
    hits.sort((a, b) => a[0] - b[0] || a[1].code.localeCompare(b[1].code));
    return hits.slice(0, limit).map(h => h[1]);
  }
}

function regionLink(region, onSelect) {
  const a = document.createElement("a");
  a.dataset.code = region.code;
  a.className = "region-name";
  a.innerHTML = `<span class="zh"></span> <span class="en"></span> <span class="code"></span>`;
  a.querySelector(".zh").textContent = region.nameZh || "";
  a.querySelector(".en").textContent = region.nameEn || "";
  a.querySelector(".code").textContent = region.code;
  a.title = `${regionLabel(region)} (${region.code}, ${region.level})`;
  a.tabIndex = 0;
  a.addEventListener("click", () => onSelect(region.code));
  a.addEventListener("keydown", e => { if (e.key === "Enter") onSelect(region.code); });
  return a;
}

/** The tree in the page: a branch's children are created the first time it is opened. */
export class RegionTree {
  constructor(container, index, onSelect) {
    this.container = container;
    this.index = index;
    this.onSelect = onSelect;
    this.items = new Map();
    const ul = document.createElement("ul");
    ul.appendChild(this.item(index.root));
    container.replaceChildren(ul);
  }

  item(region) {
    const li = document.createElement("li");
    li.dataset.code = region.code;
    const row = document.createElement("div");
    row.className = "row";
    const twisty = document.createElement("button");
    twisty.type = "button";
    twisty.className = "twisty";
    const hasChildren = (region.children || []).length > 0;
    twisty.disabled = !hasChildren;
    twisty.textContent = hasChildren ? "▸" : "";
    twisty.setAttribute("aria-label", `expand ${regionLabel(region)}`);
    twisty.setAttribute("aria-expanded", "false");
    twisty.addEventListener("click", () => this.toggle(region.code));
    row.append(twisty, regionLink(region, this.onSelect));
    li.appendChild(row);
    this.items.set(region.code, li);
    return li;
  }

  toggle(code, open) {
    const li = this.items.get(code);
    const region = this.index.get(code);
    if (!li || !(region.children || []).length) return;
    const twisty = li.querySelector(":scope > .row > .twisty");
    let ul = li.querySelector(":scope > ul");
    const willOpen = open === undefined ? !ul || ul.hidden : open;
    if (willOpen && !ul) {
      ul = document.createElement("ul");
      region.children.forEach(c => ul.appendChild(this.item(c)));
      li.appendChild(ul);
    }
    if (ul) ul.hidden = !willOpen;
    twisty.textContent = willOpen ? "▾" : "▸";
    twisty.setAttribute("aria-expanded", String(willOpen));
  }

  /** Opens the branches down to the region, marks it selected and scrolls it into view. */
  reveal(code) {
    const path = this.index.path(code);
    path.slice(0, -1).forEach(r => this.toggle(r.code, true));
    if (path.length === 1) this.toggle(code, true); // the root: show its provinces
    this.container.querySelectorAll("a.selected").forEach(a => a.classList.remove("selected"));
    const li = this.items.get(code);
    const link = li && li.querySelector(":scope > .row > a");
    if (link) {
      link.classList.add("selected");
      link.scrollIntoView({ block: "nearest" });
    }
  }
}

/** The search box: results as a list of links under it, Enter picks the first. */
export function bindRegionSearch(input, list, index, onSelect) {
  const pick = code => { input.value = ""; list.hidden = true; list.replaceChildren(); onSelect(code); };
  const render = () => {
    const hits = index.search(input.value);
    list.replaceChildren(...hits.map(r => {
      const li = document.createElement("li");
      li.appendChild(regionLink(r, pick));
      return li;
    }));
    if (input.value.trim() && !hits.length) {
      const li = document.createElement("li");
      li.className = "muted";
      li.textContent = "no region matches";
      list.appendChild(li);
    }
    list.hidden = !input.value.trim();
  };
  input.addEventListener("input", render);
  input.addEventListener("keydown", e => {
    if (e.key === "Enter") {
      const first = index.search(input.value, 1)[0];
      if (first) pick(first.code);
    } else if (e.key === "Escape") {
      input.value = "";
      render();
    }
  });
}
