import { Column, Entity } from 'typeorm';
import { VersionedEntityBase } from '@rct/database';
import { ControlEffectiveness } from '../enums/control-effectiveness.enum';
import { ControlImplementationStatus } from '../enums/control-implementation-status.enum';
import { ControlType } from '../enums/control-type.enum';

@Entity({ name: 'controls' })
export class ControlEntity extends VersionedEntityBase {
  @Column({ name: 'risk_id', type: 'uuid' })
  riskId: string;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'enum', enum: ControlType, enumName: 'control_type' })
  type: ControlType;

  @Column({
    name: 'implementation_status',
    type: 'enum',
    enum: ControlImplementationStatus,
    enumName: 'control_implementation_status',
  })
  implementationStatus: ControlImplementationStatus;

  @Column({ type: 'enum', enum: ControlEffectiveness, enumName: 'control_effectiveness' })
  effectiveness: ControlEffectiveness;

  @Column({ name: 'framework_refs', type: 'text', array: true })
  frameworkRefs: string[];

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId: string;

  @Column({ name: 'last_tested_at', type: 'timestamptz', nullable: true })
  lastTestedAt: Date | null;

  @Column({ name: 'next_test_due_at', type: 'timestamptz', nullable: true })
  nextTestDueAt: Date | null;
}
