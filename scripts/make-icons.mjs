// Renders the app icons (PNG, plain and maskable) from public/icons/icon.svg with the system
// Chromium. Run by hand after changing the icon: `node scripts/make-icons.mjs`. The PNGs are
// committed, so builds do not need this.
import { chromium } from 'playwright-core';
import fs from 'node:fs';

const svg = fs.readFileSync('public/icons/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
for (const size of [192, 512]) {
  for (const maskable of [false, true]) {
    // Maskable icons keep the mark inside the central 80 % safe zone on a full-bleed tile.
    const inner = maskable ? Math.round(size * 0.62) : size;
    const body = maskable
      ? `<div style="width:${size}px;height:${size}px;background:#1f4f8f;display:grid;place-items:center">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div>`
      : svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<html><body style="margin:0;background:transparent">${body}</body></html>`);
    const file = `public/icons/${maskable ? 'maskable' : 'icon'}-${size}.png`;
    await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    console.log(file);
  }
}
await browser.close();
