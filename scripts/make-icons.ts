/**
 * One drawing for every icon: resources/icon.svg is the source. This copies it to the renderer's
 * favicon and renders the PNG sizes electron-builder and the desktops want (resources/icon.png at
 * 1024 for macOS and Windows, resources/icons/<n>x<n>.png for Linux) with Debian's Chromium, so no
 * image tool beyond the test browser is needed. Run after changing the drawing: `npm run icons`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..');
const source = path.join(root, 'resources/icon.svg');
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

async function main(): Promise<void> {
  const svg = fs.readFileSync(source, 'utf8');
  if (!svg.includes('<svg')) throw new Error(`${source} is not an SVG drawing.`);
  fs.copyFileSync(source, path.join(root, 'renderer/public/favicon.svg'));
  const outDir = path.join(root, 'resources/icons');
  fs.mkdirSync(outDir, { recursive: true });

  const browser = await chromium.launch({ executablePath: process.env.LECTERN_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    for (const size of ICON_SIZES) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<html><body style="margin:0;background:transparent"><img src="${dataUrl}" width="${size}" height="${size}" style="display:block"></body></html>`);
      await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
      const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      fs.writeFileSync(path.join(outDir, `${size}x${size}.png`), png);
      if (size === 1024) fs.writeFileSync(path.join(root, 'resources/icon.png'), png);
      console.log(`icon_${size}=${png.length}`);
    }
  } finally {
    await browser.close();
  }
}

await main();
