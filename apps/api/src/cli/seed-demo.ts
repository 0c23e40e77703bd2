import { NestFactory } from '@nestjs/core';
import { SystemWriteRunner } from '@rct/audit';
import { ApiKeyService } from '@rct/api-key';
import { AuthUser, UserRole } from '@rct/auth';
import { checkEnvironmentOrExit } from '@rct/config';
import { claimEmbeddedDataDirOrExit } from '@rct/database';
import { ControlService, CreateControlDto } from '@rct/control';
import { EvidenceKind, EvidenceService } from '@rct/evidence';
import { RiskService, RiskStatus, RiskTreatment } from '@rct/risk';
import { TaskPriority, TaskService } from '@rct/task';
import { UserKind, UserService } from '@rct/user';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { DEMO_RISKS, DEMO_WORKFLOWS, DemoWorkflow } from './demo-register';
import { seedWorkflows } from './seed-demo-workflows';

const DAY_MS = 86_400_000;

const DEMO_USERS = [
  { email: 'maria.manager@example.com', fullName: 'Maria Manager', role: UserRole.Manager },
  { email: 'alex.analyst@example.com', fullName: 'Alex Analyst', role: UserRole.Analyst },
  { email: 'sam.analyst@example.com', fullName: 'Sam Analyst', role: UserRole.Analyst },
  { email: 'val.viewer@example.com', fullName: 'Val Viewer', role: UserRole.Viewer },
];

/** A machine client of the demo: it has no password, only the API key printed once. */
const DEMO_SERVICE_ACCOUNT = {
  email: 'ci-bot@example.com',
  fullName: 'CI evidence bot',
  role: UserRole.Analyst,
  kind: UserKind.Service,
};

/** Refuses any database beyond a fresh install: at most the first admin, no register data. */
async function assertEmpty(dataSource: DataSource): Promise<void> {
  const [row] = await dataSource.query<{ users: string; data: string }[]>(`
    SELECT (SELECT count(*) FROM users) AS users,
           (SELECT count(*) FROM risks) + (SELECT count(*) FROM controls)
             + (SELECT count(*) FROM tasks) + (SELECT count(*) FROM evidence) AS data`);
  if (Number(row.users) > 1 || Number(row.data) > 0) {
    throw new Error('the database already holds data; seed:demo only fills a fresh one');
  }
}

/**
 * `npm run seed:demo`: a small, realistic register (users of each role, a service account with
 * an API key, 20 risks with their controls, evidence and tasks) written through the services, so every row is validated and
 * audited like an API write.
 */
async function main(): Promise<void> {
  claimEmbeddedDataDirOrExit(checkEnvironmentOrExit());
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    await assertEmpty(app.get(DataSource));
    const password = randomBytes(12).toString('base64url');
    const writes = app.get(SystemWriteRunner);
    const users = app.get(UserService);
    const people: AuthUser[] = [];
    for (const person of DEMO_USERS) {
      const user = await writes.run('seed-demo', () => users.create({ ...person, password }));
      people.push({ ...user, sessionId: 'seed-demo' });
    }
    const [manager, alex, sam] = people;
    const bot = await writes.run('seed-demo', () => users.create(DEMO_SERVICE_ACCOUNT));
    // The account creates its own key, as any user may: it acts with the account's role.
    const botKey = await writes.run('seed-demo', () =>
      app
        .get(ApiKeyService)
        .create(
          { name: 'Demo CI key', expiresAt: new Date(Date.now() + 30 * DAY_MS) },
          { ...bot, sessionId: null },
        ),
    );
    const risks = app.get(RiskService);
    const controls = app.get(ControlService);
    const evidence = app.get(EvidenceService);
    const tasks = app.get(TaskService);
    const now = Date.now();
    const workflows: { riskId: string; demo: DemoWorkflow; owner: AuthUser }[] = [];

    for (const [index, demo] of DEMO_RISKS.entries()) {
      const analyst = index % 2 === 0 ? alex : sam;
      const workflow = DEMO_WORKFLOWS.find((item) => item.riskTitle === demo.title);
      // An acceptance is asked for by the risk's owner: those risks belong to the analyst.
      const owner = workflow?.acceptance ? analyst : manager;
      const reviewDays = workflow?.overdueByDays ? -workflow.overdueByDays : 30 + index * 7;
      const risk = await writes.run('seed-demo', () =>
        risks.create({
          title: demo.title,
          description: demo.description,
          category: demo.category,
          ownerId: owner.id,
          likelihood: demo.likelihood,
          impact: demo.impact,
          residualLikelihood: demo.residual?.[0] ?? null,
          residualImpact: demo.residual?.[1] ?? null,
          status: demo.status as RiskStatus,
          treatment: demo.treatment as RiskTreatment,
          nextReviewAt: new Date(now + reviewDays * DAY_MS),
        }),
      );
      if (workflow) workflows.push({ riskId: risk.id, demo: workflow, owner });
      for (const item of demo.controls) {
        const { evidence: proof, ...fields } = item;
        const control = await writes.run('seed-demo', () =>
          controls.create({ ...fields, riskId: risk.id, ownerId: manager.id } as CreateControlDto),
        );
        if (proof) {
          await writes.run('seed-demo', () =>
            evidence.create(
              {
                controlId: control.id,
                title: proof.title,
                kind: proof.kind as EvidenceKind,
                url: proof.url,
                collectedAt: new Date(now - 20 * DAY_MS),
                validUntil: new Date(now + 345 * DAY_MS),
              },
              analyst,
            ),
          );
        }
      }
      for (const task of demo.tasks) {
        await writes.run('seed-demo', () =>
          tasks.create({
            riskId: risk.id,
            title: task.title,
            assigneeId: analyst.id,
            priority: task.priority as TaskPriority,
            dueAt: new Date(now + task.dueInDays * DAY_MS),
          }),
        );
      }
    }
    await seedWorkflows(app, workflows, manager);
    process.stdout.write(
      `Seeded ${DEMO_RISKS.length} risks with their controls, evidence and tasks, ` +
        `reviews (done and overdue) and acceptances in every state.\n` +
        `Demo users (password for all: ${password}):\n` +
        DEMO_USERS.map((user) => `  ${user.role.padEnd(8)} ${user.email}\n`).join('') +
        `Demo service account ${bot.email} (${bot.role}), API key for 30 days, shown once:\n` +
        `  X-API-Key: ${botKey.secret}\n`,
    );
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed:demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
