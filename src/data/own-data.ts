/**
 * The data module's loaders of the user's own data, from bytes (web-standard, no file access):
 * CSV/TSV tables, PNG/JPEG images by class, NumPy arrays, IDX files of any image shape. Kept
 * apart from `./index.ts` because they use third-party decoders (papaparse, fast-png, jpeg-js,
 * fflate); the Node adapter is `./node/load-data.ts`, the browser one `./browser/load-files.ts`.
 */
export type { CategoricalColumn, DataKind, DataSplit, DataTask, LoadedData, ValidationSplitRecord } from './loaded-data.js';
export { CSV_DELIMITERS, type CsvParseOptions, type CsvRows, parseCsv } from './csv.js';
export { type ColumnRef, type TableOptions, tableDataset } from './table-dataset.js';
export { type TableColumns, encodeTableColumns, recordedTableColumns } from './table-columns.js';
export { MAX_TABLE_BYTES, TABLE_EXTENSIONS, type TableFileOptions, isTableFileName, readTableFile } from './table-file.js';
export { MAX_NPY_BYTES, type NpyArray, type NpyData, type NpyDtype, type NpyHeader, npyToFloat32, parseNpy, parseNpyHeader } from './npy.js';
export { parseNpz } from './npz.js';
export { type ArrayNames, arraysDataset } from './arrays-dataset.js';
export { type ImageHeader, MAX_IMAGE_PIXELS, checkImageHeader, imageFormat, readImageHeader } from './image-header.js';
export { type DecodeImageOptions, type DecodedImage, decodeImage } from './decode-image.js';
export { RESIZE_METHOD, resizeBilinear } from './resize.js';
export { IMAGE_EXTENSIONS, type ImageClassFolder, type ImageFileSource, type ImageFolderOptions, imageFolderDataset, isImageFileName } from './image-folder.js';
export { type IdxPair, idxData } from './idx-data.js';
export { withValidationSplit } from './validation-split.js';
export { type LoadedDataRecord, loadedDataDigest, loadedDataRecord } from './loaded-data-record.js';
export { splitTensors } from './split-tensors.js';
