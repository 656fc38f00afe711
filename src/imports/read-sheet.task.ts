import type { ImportMapping } from './columns';
import { readGrid, SheetError, SheetFormat } from './read-sheet';
import { mapSheet, MappedSheet } from './row-map';

export interface ReadSheetInput {
  bytes: Uint8Array;
  format: SheetFormat;
  sheet?: string;
  mapping: ImportMapping;
}

/** Worker-pool task: the file read and every row mapped, off the event loop. */
export async function readImportSheet(input: ReadSheetInput): Promise<MappedSheet | { error: string }> {
  try {
    return mapSheet(await readGrid(input.bytes, input.format, input.sheet), input.mapping);
  } catch (error) {
    if (error instanceof SheetError) return { error: error.message };
    throw error;
  }
}
