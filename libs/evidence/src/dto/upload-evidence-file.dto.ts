import { ApiProperty, ApiSchema } from '@nestjs/swagger';

/** The multipart/form-data body of PUT /evidence/{id}/file (documentation only). */
@ApiSchema({ name: 'UploadEvidenceFileRequest' })
export class UploadEvidenceFileDto {
  /** The file; its name and content type are recorded. */
  @ApiProperty({ type: 'string', format: 'binary' })
  file: unknown;
}
