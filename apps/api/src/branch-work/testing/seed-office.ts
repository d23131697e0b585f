// Given-state for the branch-work e2e tests: the office and its 2009 campaign, appended through the domain deciders.
import {
  campaignDecider,
  campaignStream,
  findBuiltinTemplate,
  organisationDecider,
  organisationStream,
  type CampaignCommand,
  type Decider,
  type OrganisationCommand,
} from '@campaign-ledger/domain';
import type { EventStore } from '@campaign-ledger/event-store';

export const UNIT = 'U1';
export const CAMPAIGN = 'C1';
export const START = '2009-03-16';
export const END = '2009-08-30';
/** A quantity task added to the 2009 plan (the template has none): branch-scope reports toward 20, challenge 25. */
export const QUANTITY_TASK = 'Q1';
/** A branch task of the 2009 plan the office cancelled. */
export const CANCELLED_TASK = 'T11';

const system = { actor: { id: 'seed', role: 'system' } };

async function appendAll<C, S, E extends { type: string; data: unknown }>(store: EventStore, streamId: string, decider: Decider<C, S, E>, commands: C[]) {
  let state = decider.initialState();
  const events: E[] = [];
  for (const command of commands) {
    for (const event of decider.decide(command, state)) {
      state = decider.evolve(state, event);
      events.push(event);
    }
  }
  await store.append(streamId, events, { expectedRevision: 'no_stream', metadata: system });
}

/** Unit U1: branches B1 (M1 leader, M2, M3 exempt since 1 March) and B2 (M4); campaign C1 from the built-in sdp-2009 template. */
export async function seedOffice(store: EventStore): Promise<void> {
  const organisation: OrganisationCommand[] = [
    { type: 'RegisterUnit', data: { unitId: UNIT, name: '市政协机关', code: 'ZX' } },
    { type: 'AddDivision', data: { divisionId: 'D1', name: '秘书处' } },
    { type: 'AddBranch', data: { branchId: 'B1', name: '机关第一支部', secretaryName: '张书记' } },
    { type: 'AddBranch', data: { branchId: 'B2', name: '机关第二支部', secretaryName: '李书记' } },
    { type: 'JoinMember', data: { memberId: 'M1', name: '王一', branchId: 'B1', isLeader: true, joinedOn: '2008-01-02' } },
    { type: 'JoinMember', data: { memberId: 'M2', name: '赵二', branchId: 'B1', joinedOn: '2008-01-02' } },
    { type: 'JoinMember', data: { memberId: 'M3', name: '孙三', branchId: 'B1', joinedOn: '2008-01-02' } },
    { type: 'JoinMember', data: { memberId: 'M4', name: '周四', branchId: 'B2', joinedOn: '2008-01-02' } },
    { type: 'ExemptMember', data: { memberId: 'M3', reason: '长期病休', from: '2009-03-01' } },
  ];
  await appendAll(store, organisationStream(UNIT), organisationDecider, organisation);

  const template = findBuiltinTemplate('sdp-2009')?.load();
  if (!template) throw new Error('the built-in sdp-2009 template is missing');
  const campaign: CampaignCommand[] = [
    {
      type: 'PlanCampaign',
      data: { campaignId: CAMPAIGN, name: '深入学习实践科学发展观活动', unitId: UNIT, template, startDate: START, endDate: END, createdBy: 'office' },
    },
    {
      type: 'AddTask',
      data: {
        task: {
          taskId: QUANTITY_TASK,
          title: '撰写调研报告',
          stageId: 'S1',
          phaseId: 'P2',
          scope: 'branch',
          dueDate: '2009-05-10',
          kind: 'quantity',
          target: 20,
          challenge: 25,
        },
        reason: '领导小组决定各支部上报调研报告数量',
        by: 'office',
      },
    },
    { type: 'CancelTask', data: { taskId: CANCELLED_TASK, reason: '与集中学习合并', by: 'office' } },
  ];
  await appendAll(store, campaignStream(CAMPAIGN), campaignDecider, campaign);
}
