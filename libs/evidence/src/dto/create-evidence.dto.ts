import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Trim, IsDateTime } from '@rct/common';
import {
  IsEnum,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { EvidenceKind } from '../enums/evidence-kind.enum';

/** Omitted is fine, null is not: the column has a default but no "unknown" value. */
const sent = (_dto: object, value: unknown): boolean => value !== undefined;

@ApiSchema({ name: 'CreateEvidenceRequest' })
export class CreateEvidenceDto {
  /** The control this evidence supports. */
  @IsUUID()
  @ApiProperty({ format: 'uuid' })
  controlId: string;

  @Trim()
  @IsString()
  @Length(1, 200)
  @ApiProperty({ example: 'Q3 access review sign-off' })
  title: string;

  @ValidateIf(sent)
  @IsString()
  @MaxLength(10_000)
  @ApiPropertyOptional({
    default: '',
    example: 'Spreadsheet of every privileged account, signed off by the system owners.',
  })
  description?: string;

  @IsEnum(EvidenceKind)
  @ApiProperty({ enum: EvidenceKind, enumName: 'EvidenceKind' })
  kind: EvidenceKind;

  /** An external location of the evidence; http or https only. */
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, disallow_auth: true },
    { message: 'url must be an http or https URL without credentials' },
  )
  @ApiPropertyOptional({
    type: String,
    format: 'uri',
    nullable: true,
    example: 'https://wiki.example.com/access-review-q3',
  })
  url?: string | null;

  /** When the evidence was produced: its effective date; the moment of creation when left out. */
  // Left out, not null: null is a 400 here and in PATCH (where the PartialType keeps this rule).
  @ValidateIf(sent)
  @IsDateTime()
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  collectedAt?: Date;

  /** After this moment the evidence counts as expired; not before collectedAt. */
  @IsOptional()
  @IsDateTime()
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  validUntil?: Date | null;
}
