import { ApiProperty, ApiSchema, getSchemaPath, SchemaObject } from '@nestjs/swagger';
import { AuditAction, AuditEntityType, AuditOutcome } from '../audit-vocabulary';

/**
 * A field's value as the resource showed it: a string (also dates and ids), a number, a
 * boolean, a list of strings, or a nested object such as an evidence file; null for none.
 */
const FIELD_VALUE: Pick<SchemaObject, 'oneOf'> = {
  oneOf: [
    { type: 'string', nullable: true },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'array', items: { type: 'string' } },
    { type: 'object', additionalProperties: true },
  ],
};

@ApiSchema({ name: 'FieldChange' })
export class FieldChangeDto {
  @ApiProperty({ ...FIELD_VALUE, description: 'Value before the change (null: none).' })
  from: unknown;

  @ApiProperty({ ...FIELD_VALUE, description: 'Value after the change (null: none).' })
  to: unknown;
}

@ApiSchema({ name: 'AuditEvent' })
export class AuditEventResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  /** Position in the chain (a 64-bit integer, as a string). */
  @ApiProperty({ example: '1042' })
  seq: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  actorId: string | null;

  @ApiProperty({ nullable: true, type: String })
  actorEmail: string | null;

  @ApiProperty({ nullable: true, type: String })
  actorRole: string | null;

  @ApiProperty({ enum: AuditAction, enumName: 'AuditAction' })
  action: AuditAction;

  @ApiProperty({ enum: AuditOutcome, enumName: 'AuditOutcome' })
  outcome: AuditOutcome;

  @ApiProperty({ enum: AuditEntityType, enumName: 'AuditEntityType', nullable: true })
  entityType: AuditEntityType | null;

  @ApiProperty({ nullable: true, type: String })
  entityId: string | null;

  @ApiProperty({ example: 'PATCH' })
  method: string;

  /** Route template, such as /api/v1/users/:id. */
  @ApiProperty({ nullable: true, type: String })
  route: string | null;

  /** The concrete path requested. */
  path: string;

  @ApiProperty({ type: 'integer', example: 200 })
  statusCode: number;

  requestId: string;

  @ApiProperty({ nullable: true, type: String })
  ip: string | null;

  @ApiProperty({ nullable: true, type: String })
  userAgent: string | null;

  /** Field-level changes, `{field: {from, to}}`; never secrets. */
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(FieldChangeDto) },
  })
  changes: Record<string, FieldChangeDto>;

  /** The API key the request was made with (the actor is its owner); null otherwise. */
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  apiKeyId: string | null;

  prevHash: string;

  hash: string;
}

@ApiSchema({ name: 'AuditEventPage' })
export class AuditEventPageDto {
  @ApiProperty({ type: AuditEventResponseDto, isArray: true })
  items: AuditEventResponseDto[];

  /** Pass as `cursor` for the next (older) page; null on the last page. */
  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100, example: 20 })
  limit: number;
}

@ApiSchema({ name: 'AuditChainVerification' })
export class AuditChainVerificationDto {
  /**
   * True when every checkpoint's signature verifies, the event at each checkpoint's seq is
   * there with the signed hash, and every event's hash and link to its predecessor check out.
   */
  valid: boolean;

  /** Events checked (all of them when valid; up to and including the broken one otherwise). */
  @ApiProperty({ type: 'integer', minimum: 0, example: 1042 })
  checked: number;

  /** The first event whose hash or link does not check out. */
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  firstBrokenId: string | null;

  @ApiProperty({ type: 'integer', minimum: 0, example: 12 })
  checkpointsChecked: number;

  /** Seq of the first checkpoint that fails (bad signature, missing or changed event). */
  @ApiProperty({ nullable: true, type: String, example: null })
  firstBrokenCheckpointSeq: string | null;

  /** Seq of the newest checkpoint: pass it as `fromSeq` for the next incremental check. */
  @ApiProperty({ nullable: true, type: String, example: '1042' })
  lastCheckpointSeq: string | null;

  /** What broke, in the order found (at most 20); empty when valid. */
  problems: string[];
}
