// The demo office seeded on a fresh installation: 10 branches, 150 members, the 2009 plan part-way through stage 1.
import {
  addDays,
  branchWorkDecider,
  campaignDecider,
  campaignStream,
  expandInstances,
  findBuiltinTemplate,
  mondayOf,
  organisationDecider,
  organisationStream,
  rosterOn,
  branchWorkStream,
  UNIT_LEVEL_BRANCH_ID,
  type BranchWorkCommand,
  type CampaignCommand,
  type Decider,
  type Message,
  type OrganisationCommand,
  type PlannedCampaign,
} from '@campaign-ledger/domain';

export const DEMO_UNIT_ID = 'demo-unit';
export const DEMO_CAMPAIGN_ID = 'demo-sdp-2009';
export const DEMO_UNIT_NAME = '示例市政协机关';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘';
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '建国',
  '志强',
  '海燕',
  '红梅',
  '国庆',
  '晓东',
  '文博',
];
const BRANCH_NAMES = [
  '办公室',
  '研究室',
  '提案委员会',
  '经济委员会',
  '科教文卫委员会',
  '社会法制委员会',
  '港澳台侨委员会',
  '文史学习委员会',
  '人口资源环境委员会',
  '机关服务中心',
];

export interface StreamBatch {
  readonly streamId: string;
  readonly events: Message[];
}

export interface DemoPlan {
  readonly batches: StreamBatch[];
  readonly branches: { branchId: string; name: string }[];
  readonly startDate: string;
  readonly unitName: string;
}

/** Runs commands through a decider in memory, collecting the events (the caller appends them in one go). */
function run<C, S, E extends Message, X>(decider: Decider<C, S, E, X>, commands: C[], context: (state: S) => X, initial = decider.initialState()) {
  let state = initial;
  const events: E[] = [];
  for (const command of commands) {
    for (const event of decider.decide(command, state, context(state))) {
      events.push(event);
      state = decider.evolve(state, event);
    }
  }
  return { state, events };
}

/** Which unit and campaign the office is built as (tests build two with the same branch, member and instance ids). */
export interface DemoIds {
  readonly unitId: string;
  readonly campaignId: string;
  readonly unitName: string;
}

const DEMO_IDS: DemoIds = { unitId: DEMO_UNIT_ID, campaignId: DEMO_CAMPAIGN_ID, unitName: DEMO_UNIT_NAME };

/** Builds every event of the demo, dated relative to `today` so that stage 1 is under way now. */
export function buildDemoOffice(today: string, ids: DemoIds = DEMO_IDS): DemoPlan {
  const { unitId, campaignId, unitName } = ids;
  const startDate = addDays(mondayOf(today), -4 * 7); // week 5 of the campaign's 24
  const endDate = addDays(startDate, 24 * 7 - 1);
  const template = findBuiltinTemplate('sdp-2009');
  if (!template) throw new Error('the built-in 2009 template is missing');

  const branches = BRANCH_NAMES.map((name, i) => ({ branchId: `B${String(i + 1).padStart(2, '0')}`, name: `${name}党支部` }));
  const orgCommands: OrganisationCommand[] = [
    { type: 'RegisterUnit', data: { unitId, name: unitName, code: 'DEMO' } },
    ...Array.from({ length: 20 }, (_, i): OrganisationCommand => ({
      type: 'AddDivision',
      data: { divisionId: `D${String(i + 1).padStart(2, '0')}`, name: `第${i + 1}处` },
    })),
  ];
  let memberNo = 0;
  branches.forEach((branch, b) => {
    const size = 15;
    const members = Array.from({ length: size }, () => {
      memberNo += 1;
      return { memberId: `M${String(memberNo).padStart(3, '0')}`, name: SURNAMES[(memberNo * 7) % SURNAMES.length] + GIVEN[(memberNo * 11) % GIVEN.length] };
    });
    orgCommands.push({ type: 'AddBranch', data: { branchId: branch.branchId, name: branch.name, secretaryName: members[0].name } });
    members.forEach((m, i) =>
      orgCommands.push({
        type: 'JoinMember',
        data: { memberId: m.memberId, name: m.name, branchId: branch.branchId, isLeader: b < 3 && i === 1, joinedOn: addDays(startDate, -365) },
      }),
    );
  });
  // Two long-term exemptions (illness, abroad): they leave the denominators.
  orgCommands.push({ type: 'ExemptMember', data: { memberId: 'M015', reason: '长期病休', from: addDays(startDate, -30), until: null } });
  orgCommands.push({ type: 'ExemptMember', data: { memberId: 'M072', reason: '出国学习', from: addDays(startDate, -10), until: addDays(startDate, 120) } });
  const organisation = run(organisationDecider, orgCommands, () => undefined);

  const campaignCommands: CampaignCommand[] = [
    {
      type: 'PlanCampaign',
      data: { campaignId, name: '深入学习实践科学发展观活动（演示）', unitId, template: template.load(), startDate, endDate, createdBy: 'demo-leader' },
    },
    { type: 'OpenStage', data: { stageId: 'S1', on: startDate, by: 'demo-leader' } },
  ];
  const campaign = run(campaignDecider, campaignCommands, () => undefined);
  const plan = campaign.state as PlannedCampaign;

  const batches: StreamBatch[] = [
    { streamId: organisationStream(unitId), events: organisation.events },
    { streamId: campaignStream(campaignId), events: campaign.events },
  ];

  // Branch work so far: earlier-due work mostly done, a weekly study session per past week, some three-ones.
  for (const [index, branch] of [{ branchId: UNIT_LEVEL_BRANCH_ID, name: '机关' }, ...branches].entries()) {
    const roster = rosterOn(organisation.state, branch.branchId, today);
    const instances = expandInstances(plan, roster, branch.branchId).filter((instance) => instance.dueDate < today);
    const commands: BranchWorkCommand[] = [];
    instances.forEach((instance, i) => {
      // Leave a few items open in some branches so that the overdue list has something to show.
      if ((i + index) % 5 === 4) return;
      commands.push({
        type: 'CompleteTaskInstance',
        data: {
          campaignId,
          branchId: branch.branchId,
          instanceKey: instance.key,
          note: '已按要求完成（演示数据）',
          evidence: [],
          completedOn: addDays(instance.dueDate, -1) < startDate ? startDate : addDays(instance.dueDate, -1),
          by: `demo-secretary-${branch.branchId}`,
        },
      });
    });
    if (branch.branchId !== UNIT_LEVEL_BRANCH_ID) {
      const members = roster.members.filter((m) => m.status === 'active');
      for (let week = 0; week < 4; week += 1) {
        const attendance: Record<string, 'present' | 'leave' | 'absent'> = {};
        members.forEach((m, i) => {
          attendance[m.memberId] = (i + week + index) % 13 === 0 ? 'leave' : (i + week) % 17 === 0 ? 'absent' : 'present';
        });
        commands.push({
          type: 'RecordStudySession',
          data: {
            campaignId,
            branchId: branch.branchId,
            sessionId: `${branch.branchId}-W${week + 1}`,
            date: addDays(startDate, week * 7 + 3),
            topic: `第${week + 1}次集中学习：科学发展观专题`,
            attendance,
            by: `demo-secretary-${branch.branchId}`,
          },
        });
      }
      members.slice(0, 5).forEach((m) =>
        commands.push({
          type: 'RecordThreeOnes',
          data: {
            campaignId,
            branchId: branch.branchId,
            memberId: m.memberId,
            item: 'reading',
            date: addDays(startDate, 10),
            title: '《科学发展观重要论述摘编》',
            by: `demo-secretary-${branch.branchId}`,
          },
        }),
      );
    }
    const work = run(branchWorkDecider, commands, () => ({ plan, roster }));
    if (work.events.length > 0) batches.push({ streamId: branchWorkStream(campaignId, branch.branchId), events: work.events });
  }
  return { batches, branches, startDate, unitName };
}
