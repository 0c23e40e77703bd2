import { Column, Entity } from 'typeorm';
import { VersionedEntityBase } from '@rct/database';
import { TaskPriority } from '../enums/task-priority.enum';
import { TaskStatus } from '../enums/task-status.enum';

@Entity({ name: 'tasks' })
export class TaskEntity extends VersionedEntityBase {
  @Column({ name: 'risk_id', type: 'uuid' })
  riskId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ type: 'enum', enum: TaskStatus, enumName: 'task_status' })
  status: TaskStatus;

  @Column({ type: 'enum', enum: TaskPriority, enumName: 'task_priority' })
  priority: TaskPriority;

  /** Set by the service when the task is closed (done, cancelled); null while it is open. */
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
