/**
 * The checkpoint callbacks with their Node storage: `backupAndRestore({ dir })` keeps its
 * checkpoint in a folder, `modelCheckpoint({ path })` saves with `saveModel`. The core versions
 * (`../backup-and-restore.ts`, `../model-checkpoint.ts`) take a storage or a save function.
 */
import { BackupAndRestore, type BackupAndRestoreOptions } from '../backup-and-restore.js';
import { ModelCheckpoint, type ModelCheckpointOptions } from '../model-checkpoint.js';
import { checkpointFolder } from './checkpoint-folder.js';
import { saveModel } from '../../io/node/save-model.js';
import { Model } from '../../models/model.js';
import { invalid } from '../../errors.js';
import { checkOptionKeys } from '../../schema/option-keys.js';

/** `backupAndRestore` with a folder: `{ dir }`, or a storage of your own as in the core. */
export type NodeBackupAndRestoreOptions = Omit<BackupAndRestoreOptions, 'storage'> & ({ dir: string; storage?: undefined } | { storage: BackupAndRestoreOptions['storage']; dir?: undefined });

/** A checkpoint in `dir` at the end of every epoch, restored when `fit` starts again (Keras' BackupAndRestore, exact). */
export function backupAndRestore(options: NodeBackupAndRestoreOptions): BackupAndRestore {
  checkOptionKeys('backupAndRestore', options, ['dir', 'storage', 'deleteCheckpoint', 'settings', 'signal']);
  const { dir, storage, ...rest } = options ?? ({} as NodeBackupAndRestoreOptions);
  if (storage) return new BackupAndRestore({ ...rest, storage });
  if (typeof dir !== 'string' || dir === '') throw invalid('backupAndRestore', 'dir', 'the folder to keep the checkpoint in', dir);
  return new BackupAndRestore({ ...rest, storage: checkpointFolder(dir) });
}

/** `modelCheckpoint` saving model folders with `saveModel` unless given `save`. */
export type NodeModelCheckpointOptions = Omit<ModelCheckpointOptions, 'save'> & { save?: ModelCheckpointOptions['save'] };

/** Saves the model to `path` every epoch, or only at its best with `saveBestOnly` (Keras' ModelCheckpoint). */
export function modelCheckpoint(options: NodeModelCheckpointOptions): ModelCheckpoint {
  const save: ModelCheckpointOptions['save'] = options?.save ?? (async (model, path) => {
    if (!(model instanceof Model)) throw invalid('modelCheckpoint', 'model', 'a noisenet model', typeof model);
    await saveModel(model, path);
  });
  return new ModelCheckpoint({ ...options, save });
}
