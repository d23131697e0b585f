// The one event every system stores in the benchmark: a task-completion record of about 1 KB of JSON
// (Chinese text, ids, an evidence array), the shape the ledger's TaskCompleted events have.

export const EVENT_TYPE = 'TaskCompleted';

export const taskCompletedPayload = {
  campaignId: 'cmp_01JD3Z8K4S6W3T2R1Q0P9N8M7L',
  stageId: 'stg_02_study_and_practice',
  taskId: 'tsk_01JD3Z9M2B4C6D8E0F2G4H6J8K',
  branchId: 'brn_0031',
  title: '走访社区困难党员并登记帮扶需求',
  completedBy: { memberId: 'mem_000417', name: '王晓梅', role: 'branch_secretary' },
  completedAt: '2026-11-18T09:41:27.512Z',
  outcome: 'completed',
  summary: '本周共走访困难党员12户，逐户登记住房、医疗和子女就学方面的需求，其中3户需街道协调解决，已形成清单报送支部委员会。',
  hoursSpent: 6.5,
  participants: ['mem_000417', 'mem_000388', 'mem_000502', 'mem_000611'],
  evidence: [
    {
      kind: 'photo',
      fileId: 'fil_01JD3ZA1X2Y3Z4A5B6C7D8E9F0',
      sha256: '3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b',
      caption: '与老党员座谈现场',
    },
    {
      kind: 'document',
      fileId: 'fil_01JD3ZA7Q8R9S0T1U2V3W4X5Y6',
      sha256: 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9',
      caption: '帮扶需求登记表（签字版）',
    },
    { kind: 'note', text: '下次回访定于12月初，重点跟进医疗报销事项。' },
  ],
  tags: ['走访', '帮扶', '第二阶段'],
};

export const ACTOR = { id: 'mem_000417', role: 'branch_secretary' } as const;

/** The metadata our store writes for such an append; bare and Emmett rows carry the same object. */
export function storedMetadata(correlationId: string): Record<string, unknown> {
  return { actor: ACTOR, occurredAt: new Date().toISOString(), correlationId, causationId: null };
}
