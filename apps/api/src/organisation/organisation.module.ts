import { Module } from '@nestjs/common';
import { AddBranchHandler } from './add-branch/add-branch.handler';
import { AddBranchHttpController } from './add-branch/add-branch.http.controller';
import { AddDivisionHandler } from './add-division/add-division.handler';
import { AddDivisionHttpController } from './add-division/add-division.http.controller';
import { ChangeBranchSecretaryHandler } from './change-branch-secretary/change-branch-secretary.handler';
import { ChangeBranchSecretaryHttpController } from './change-branch-secretary/change-branch-secretary.http.controller';
import { ExemptMemberHandler } from './exempt-member/exempt-member.handler';
import { ExemptMemberHttpController } from './exempt-member/exempt-member.http.controller';
import { GetRosterHandler } from './get-roster/get-roster.handler';
import { GetRosterHttpController } from './get-roster/get-roster.http.controller';
import { GetUnitHandler } from './get-unit/get-unit.handler';
import { GetUnitHttpController } from './get-unit/get-unit.http.controller';
import { ImportRosterHandler } from './import-roster/import-roster.handler';
import { ImportRosterHttpController } from './import-roster/import-roster.http.controller';
import { JoinMemberHandler } from './join-member/join-member.handler';
import { JoinMemberHttpController } from './join-member/join-member.http.controller';
import { ListUnitsHandler } from './list-units/list-units.handler';
import { ListUnitsHttpController } from './list-units/list-units.http.controller';
import { RecordMemberLeftHandler } from './record-member-left/record-member-left.handler';
import { RecordMemberLeftHttpController } from './record-member-left/record-member-left.http.controller';
import { RegisterUnitHandler } from './register-unit/register-unit.handler';
import { RegisterUnitHttpController } from './register-unit/register-unit.http.controller';
import { ReinstateMemberHandler } from './reinstate-member/reinstate-member.handler';
import { ReinstateMemberHttpController } from './reinstate-member/reinstate-member.http.controller';
import { RenameBranchHandler } from './rename-branch/rename-branch.handler';
import { RenameBranchHttpController } from './rename-branch/rename-branch.http.controller';
import { OrganisationWriter } from './shared/organisation.writer';
import { TransferMemberHandler } from './transfer-member/transfer-member.handler';
import { TransferMemberHttpController } from './transfer-member/transfer-member.http.controller';

/** Organisation use cases: one folder per use case (controller, command or query, handler, DTO). */
@Module({
  controllers: [
    RegisterUnitHttpController,
    ListUnitsHttpController,
    GetUnitHttpController,
    GetRosterHttpController,
    AddDivisionHttpController,
    AddBranchHttpController,
    RenameBranchHttpController,
    ChangeBranchSecretaryHttpController,
    JoinMemberHttpController,
    TransferMemberHttpController,
    ExemptMemberHttpController,
    ReinstateMemberHttpController,
    RecordMemberLeftHttpController,
    ImportRosterHttpController,
  ],
  providers: [
    OrganisationWriter,
    RegisterUnitHandler,
    ListUnitsHandler,
    GetUnitHandler,
    GetRosterHandler,
    AddDivisionHandler,
    AddBranchHandler,
    RenameBranchHandler,
    ChangeBranchSecretaryHandler,
    JoinMemberHandler,
    TransferMemberHandler,
    ExemptMemberHandler,
    ReinstateMemberHandler,
    RecordMemberLeftHandler,
    ImportRosterHandler,
  ],
})
export class OrganisationModule {}
