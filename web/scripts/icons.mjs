// Renders public/favicon.svg into the PNG icons the web app manifest lists (Chromium draws the
// SVG, so the icons are the favicon exactly). Run once after changing the favicon, then commit:
//   node scripts/icons.mjs
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const web = resolve(import.meta.dirname, '..');
const svg = readFileSync(resolve(web, 'public/favicon.svg'), 'utf8');
// A maskable icon fills its square and keeps the mark inside the middle 80 % (the safe zone).
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#07c160"/>`
  + `<g transform="translate(6.4 6.4) scale(0.8)">${svg.replace(/<\/?svg[^>]*>/g, '')}</g></svg>`;
const icons = [
  { file: 'icon-192.png', size: 192, svg },
  { file: 'icon-512.png', size: 512, svg },
  { file: 'maskable-512.png', size: 512, svg: maskable },
  { file: 'apple-touch-icon-180.png', size: 180, svg: maskable },
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium' });
const page = await browser.newPage();
for (const icon of icons) {
  await page.setViewportSize({ width: icon.size, height: icon.size });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${icon.size}px;height:${icon.size}px}</style>${icon.svg}`);
  await page.screenshot({ path: resolve(web, 'public/icons', icon.file), omitBackground: true });
}
await browser.close();
