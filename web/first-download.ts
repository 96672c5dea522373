import path from 'node:path';

/** What rolldown's chunking hands a `codeSplitting` group's name function (the part used here). */
interface ChunkingContext {
  getModuleInfo(id: string): { importedIds: readonly string[] } | null;
}

/**
 * The chunking of the first download: every module the entry imports statically, in one chunk
 * (`shell`). Each screen is imported on demand (features' routes.ts), and rolldown's automatic
 * chunking otherwise splits the modules the entry shares with the screens into one chunk per set
 * of screens that use them — the first visit then fetched several files of a few hundred bytes,
 * too small to be stored compressed. What the screens import on their own stays in their chunks.
 */
export function firstDownload(entry: string) {
  const main = path.resolve(entry);
  /** What the entry reaches, worked out once per chunking pass: each pass (each build) hands its own context. */
  const reached = new WeakMap<ChunkingContext, Set<string>>();
  const reach = (ctx: ChunkingContext) => {
    const known = reached.get(ctx);
    if (known) return known;
    const seen = new Set<string>();
    const visit = (id: string) => {
      if (seen.has(id)) return;
      const info = ctx.getModuleInfo(id);
      if (!info) return;
      seen.add(id);
      for (const next of info.importedIds) visit(next);
    };
    visit(main);
    if (!seen.size) throw new Error(`first download: the entry ${entry} is not in the module graph`);
    reached.set(ctx, seen);
    return seen;
  };
  return {
    // The entry module itself stays in the entry chunk (the one index.html loads), which imports this one.
    groups: [{ debugName: 'shell', name: (id: string, ctx: ChunkingContext) => (id !== main && reach(ctx).has(id) ? 'shell' : null) }],
  };
}
