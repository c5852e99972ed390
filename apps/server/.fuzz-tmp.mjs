import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';

process.on('uncaughtException', (e) => console.log('UNCAUGHT', e.message));
process.on('unhandledRejection', (e) => console.log('UNHANDLED', e?.message));
const good = readFileSync('/work/shared/data/meti-end-user-list-2025-09-29.xlsx');
const tryLoad = async (label, buf) => {
  const t = Date.now();
  try {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf);
    console.log(label, 'ok sheets', wb.worksheets.length, Date.now() - t, 'ms');
  } catch (e) {
    console.log(label, 'rejected', e.message.slice(0, 80), Date.now() - t, 'ms');
  }
};
await tryLoad('good', good);
await tryLoad('random', Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)));
await tryLoad('empty', Buffer.alloc(0));
await tryLoad('truncated-half', good.subarray(0, good.length / 2));
await tryLoad('truncated-end', good.subarray(0, good.length - 10));
for (const off of [100, 1000, 5000, 20000, 40000, 60000, 80000]) {
  const b = Buffer.from(good);
  for (let k = 0; k < 50; k++) b[off + k] ^= 0x5a;
  await tryLoad('flip@' + off, b);
}
// size mismatch: change declared uncompressed size in central dir for sheet1
const b = Buffer.from(good);
const p = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
console.log('last CD entry', p, b.toString('utf8', p + 46, p + 46 + b.readUInt16LE(p + 28)));
b.writeUInt32LE(b.readUInt32LE(p + 24) + 5, p + 24);
await tryLoad('sizemismatch-last', b);
// all CD entries mismatched
const c = Buffer.from(good);
let q = 0;
while ((q = c.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), q)) >= 0) {
  c.writeUInt32LE(c.readUInt32LE(q + 24) + 5, q + 24);
  q += 4;
}
await tryLoad('sizemismatch-all', c);
await new Promise((r) => setTimeout(r, 500));
console.log('done');
