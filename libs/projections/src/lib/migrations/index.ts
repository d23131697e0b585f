import { CreateReadModels1767225600000 } from './1767225600000-create-read-models';
import { AddInstanceNote1796256000000 } from './1796256000000-add-instance-note';

/** In order. A new migration also adds its DDL to READ_MODEL_DDL_VERSIONS so that rebuilds create the same tables. */
export const READ_MODEL_MIGRATIONS = [CreateReadModels1767225600000, AddInstanceNote1796256000000];
