/** A file written in a sheet's own layout. */
export interface LaidOutFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}

export const LAYOUT_FORMATS = ['csv', 'xlsx'] as const;
export type LayoutFormat = (typeof LAYOUT_FORMATS)[number];

/**
 * GET /v1/items/export?layout=<import id>: the items an import made, written back in the columns
 * of the sheet they came from. The imports feature implements it (imports/layout-export.ts) and
 * AppModule binds the two, so items never import the feature built on top of them.
 */
export abstract class ExportLayouts {
  abstract write(importId: string, format: LayoutFormat): Promise<LaidOutFile>;
}
