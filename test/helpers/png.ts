/**
 * Reads the pixels of a PNG as Chromium writes screenshots (8-bit RGB or RGBA, not interlaced), to
 * tell a page that drew something from a blank one. PNG: signature, chunks; IHDR gives the size,
 * IDAT chunks hold one zlib stream of filtered scanlines (PNG spec §9: filters 0–4).
 */
import { inflateSync } from "node:zlib";

export interface Pixels {
  width: number;
  height: number;
  /** Colour of pixel (x, y) as 0xRRGGBB. */
  at(x: number, y: number): number;
}

export function decodePng(png: Buffer): Pixels {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error("not a PNG");
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("latin1", offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colour, , , interlace] = [data[8], data[9], data[10], data[11], data[12]];
      if (depth !== 8 || interlace !== 0 || (colour !== 2 && colour !== 6))
        throw new Error(`unsupported PNG (depth ${depth}, colour type ${colour}, interlace ${interlace})`);
      channels = colour === 6 ? 4 : 3;
    } else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") break;
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i] ?? 0;
      const left = i >= channels ? (out[y * stride + i - channels] ?? 0) : 0;
      const up = y > 0 ? (out[(y - 1) * stride + i] ?? 0) : 0;
      const upLeft = y > 0 && i >= channels ? (out[(y - 1) * stride + i - channels] ?? 0) : 0;
      let value: number;
      if (filter === 0) value = x;
      else if (filter === 1) value = x + left;
      else if (filter === 2) value = x + up;
      else if (filter === 3) value = x + ((left + up) >> 1);
      else if (filter === 4) value = x + paeth(left, up, upLeft);
      else throw new Error(`bad PNG filter ${filter}`);
      out[y * stride + i] = value & 0xff;
    }
  }
  return {
    width,
    height,
    at: (x, y) => {
      const i = y * stride + x * channels;
      return ((out[i] ?? 0) << 16) | ((out[i + 1] ?? 0) << 8) | (out[i + 2] ?? 0);
    },
  };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** How many pixels differ from the top-left one (the page background), and how many colours there are. */
export function inkStatistics(pixels: Pixels): { inkShare: number; colours: Set<number> } {
  const background = pixels.at(0, 0);
  let ink = 0;
  const colours = new Set<number>();
  for (let y = 0; y < pixels.height; y += 2)
    for (let x = 0; x < pixels.width; x += 2) {
      const colour = pixels.at(x, y);
      colours.add(colour);
      if (colour !== background) ink++;
    }
  return { inkShare: ink / (Math.ceil(pixels.height / 2) * Math.ceil(pixels.width / 2)), colours };
}
