import { BranchEntity, DivisionEntity, MemberEntity, UnitEntity } from './organisation.entity';
import { CampaignEntity, CounterEntity, PhaseEntity, StageEntity, TaskEntity, UnitCampaignEntity } from './campaign.entity';
import { AttendanceEntity, CheckpointEntity, InstanceEntity, LeaseEntity, ParticipationEntity, SessionEntity, ThreeOnesEntity } from './work.entity';

export * from './organisation.entity';
export * from './campaign.entity';
export * from './work.entity';

export const READ_MODEL_ENTITIES = [
  UnitEntity, DivisionEntity, BranchEntity, MemberEntity, UnitCampaignEntity, CampaignEntity, StageEntity, PhaseEntity, TaskEntity, CounterEntity,
  InstanceEntity, SessionEntity, AttendanceEntity, ParticipationEntity, ThreeOnesEntity, CheckpointEntity, LeaseEntity,
];
