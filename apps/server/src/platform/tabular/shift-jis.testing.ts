/**
 * Encodes text as Shift_JIS (CP932) for tests, by inverting Node's decoder over every one- and two-byte code; the
 * server only ever decodes, so this lives beside the reader for its tests and the importers' tests.
 */
export const encodeShiftJis = (() => {
  let table: Map<string, number[]> | undefined;
  const build = () => {
    const decoder = new TextDecoder('shift_jis');
    const map = new Map<string, number[]>();
    for (let b = 0xa1; b <= 0xdf; b++) map.set(decoder.decode(Uint8Array.of(b)), [b]);
    for (let lead = 0x81; lead <= 0xfc; lead++) {
      if (lead > 0x9f && lead < 0xe0) continue;
      for (let trail = 0x40; trail <= 0xfc; trail++) {
        if (trail === 0x7f) continue;
        const char = decoder.decode(Uint8Array.of(lead, trail));
        if (char.length === 1 && char !== '\ufffd' && !map.has(char)) map.set(char, [lead, trail]);
      }
    }
    return map;
  };
  return (text: string): Buffer => {
    table ??= build();
    const codes = table;
    return Buffer.from(
      [...text].flatMap((char) => {
        const code = char.codePointAt(0) as number;
        if (code < 0x80) return [code];
        const bytes = codes.get(char);
        if (!bytes) throw new Error(`not in Shift_JIS: ${char}`);
        return bytes;
      }),
    );
  };
})();
