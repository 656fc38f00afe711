import type { ColumnField, ImportMapping } from './columns';
import type { Cell } from './cells';
import { guessMapping } from './guess';
import { readGrid, SheetError, SheetFormat } from './read-sheet';
import { mapSheet, MappedSheet } from './row-map';

export interface ReadSheetInput {
  bytes: Uint8Array;
  format: SheetFormat;
  sheet?: string;
  mapping: ImportMapping;
}

export interface SheetPreview {
  columns: string[];
  rows: Cell[][];
  guess: Partial<Record<ColumnField, string>>;
}

/** Worker-pool task: the header row, the first rows and a first mapping guessed from the headers. */
export async function previewImportSheet(
  input: Omit<ReadSheetInput, 'mapping'>,
): Promise<SheetPreview | { error: string }> {
  try {
    const grid = await readGrid(input.bytes, input.format, input.sheet);
    return {
      columns: grid.headers,
      rows: grid.rows.slice(0, 5).map((r) => r.cells),
      guess: guessMapping(grid.headers),
    };
  } catch (error) {
    if (error instanceof SheetError) return { error: error.message };
    throw error;
  }
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
