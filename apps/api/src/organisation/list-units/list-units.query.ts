import { Query } from '@nestjs/cqrs';
import type { UnitSummary } from '../shared/unit-index';

export class ListUnitsQuery extends Query<UnitSummary[]> {}
