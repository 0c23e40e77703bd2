import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
  Put,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  AuditAction,
  AuditEntityType,
  DeferredTransaction,
  ExportFacts,
  RequestFacts,
  ApiHistory,
  AsOfQueryDto,
  HistoryPageDto,
  HistoryQueryDto,
} from '@rct/audit';
import { AuthUser, Authenticated, CurrentUser, Roles, UserRole } from '@rct/auth';
import {
  ApiExport,
  ApiProblemResponses,
  ApiVersionedResponse,
  AuditedAs,
  IfMatch,
  Page,
  UuidParam,
} from '@rct/common';
import { CreateEvidenceDto } from './dto/create-evidence.dto';
import { ExportEvidenceQueryDto } from './dto/export-evidence-query.dto';
import { EvidencePage, EvidenceResponseDto } from './dto/evidence-response.dto';
import { ListEvidenceQueryDto } from './dto/list-evidence-query.dto';
import { ReviewEvidenceDto } from './dto/review-evidence.dto';
import { UpdateEvidenceDto } from './dto/update-evidence.dto';
import { UploadEvidenceFileDto } from './dto/upload-evidence-file.dto';
import { EvidenceFileService } from './evidence-file.service';
import { EvidenceService } from './evidence.service';
import { attachmentDisposition } from './file-naming';
import { UploadedFilePart } from './file-upload.decorator';
import { FileUpload } from './file-upload.reader';

/** Analysts pass the route guard; the service limits them to their own pending evidence. */
const SUBMITTERS = [UserRole.Admin, UserRole.Manager, UserRole.Analyst];
const REVIEWERS = [UserRole.Admin, UserRole.Manager];
const NOT_YOURS = {
  status: 403,
  description: 'An analyst may change only evidence they submitted, while it is pending review.',
} as const;

@ApiTags('evidence')
@Authenticated()
@ApiProblemResponses(400)
@Controller('evidence')
export class EvidenceController {
  constructor(
    private readonly evidence: EvidenceService,
    private readonly files: EvidenceFileService,
  ) {}

  @Post()
  @Roles(...SUBMITTERS)
  @ApiOperation({ operationId: 'createEvidence', summary: 'Record evidence for a control' })
  @ApiVersionedResponse(EvidenceResponseDto, { status: HttpStatus.CREATED })
  @ApiProblemResponses(413, 415, {
    status: 422,
    description: 'controlId does not name a control.',
  })
  create(
    @Body() dto: CreateEvidenceDto,
    @CurrentUser() user: AuthUser,
  ): Promise<EvidenceResponseDto> {
    return this.evidence.create(dto, user);
  }

  @Get()
  @ApiOperation({ operationId: 'listEvidence', summary: 'List evidence' })
  @ApiOkResponse({ type: EvidencePage, description: 'One page of evidence.' })
  list(@Query() query: ListEvidenceQueryDto): Promise<Page<EvidenceResponseDto>> {
    return this.evidence.list(query);
  }

  @ApiExport('evidence', EvidenceResponseDto)
  @ApiOperation({ operationId: 'exportEvidence', summary: 'Export evidence as CSV or NDJSON' })
  export(
    @Query() query: ExportEvidenceQueryDto,
    @ExportFacts() facts: RequestFacts,
  ): Promise<StreamableFile> {
    return this.evidence.export(query, facts);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getEvidence', summary: 'Get a piece of evidence' })
  @ApiVersionedResponse(EvidenceResponseDto, { asOf: true })
  @ApiProblemResponses(404)
  get(@UuidParam('id') id: string, @Query() query: AsOfQueryDto): Promise<EvidenceResponseDto> {
    return this.evidence.get(id, query.asOf);
  }

  @Get(':id/history')
  @ApiHistory('getEvidenceHistory', 'piece of evidence')
  history(@UuidParam('id') id: string, @Query() query: HistoryQueryDto): Promise<HistoryPageDto> {
    return this.evidence.history(id, query);
  }

  @Patch(':id')
  @Roles(...SUBMITTERS)
  @ApiOperation({ operationId: 'updateEvidence', summary: 'Change a piece of evidence' })
  @ApiVersionedResponse(EvidenceResponseDto)
  @ApiProblemResponses(NOT_YOURS, 404, 413, 415)
  update(
    @UuidParam('id') id: string,
    @Body() dto: UpdateEvidenceDto,
    @CurrentUser() user: AuthUser,
    @IfMatch() version?: number,
  ): Promise<EvidenceResponseDto> {
    return this.evidence.update(id, dto, user, version);
  }

  @Delete(':id')
  @Roles(...SUBMITTERS)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'deleteEvidence',
    summary: 'Delete a piece of evidence and its file',
  })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblemResponses(NOT_YOURS, 404)
  remove(
    @UuidParam('id') id: string,
    @CurrentUser() user: AuthUser,
    @IfMatch() version?: number,
  ): Promise<void> {
    return this.evidence.remove(id, user, version);
  }

  @Put(':id/file')
  @AuditedAs(AuditAction.Upload, { entityType: AuditEntityType.Evidence })
  @Roles(...SUBMITTERS)
  @DeferredTransaction()
  @ApiOperation({
    operationId: 'uploadEvidenceFile',
    summary: 'Upload or replace the file; the evidence goes back to pending review',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadEvidenceFileDto })
  @ApiVersionedResponse(EvidenceResponseDto, {
    description: 'The evidence, now describing the new file.',
  })
  @ApiProblemResponses(
    NOT_YOURS,
    404,
    { status: 413, description: 'The file is over EVIDENCE_MAX_FILE_BYTES; nothing was stored.' },
    { status: 415, description: 'The body is not multipart/form-data.' },
  )
  uploadFile(
    @UuidParam('id') id: string,
    @UploadedFilePart('file') upload: FileUpload,
    @CurrentUser() user: AuthUser,
    @IfMatch() version?: number,
  ): Promise<EvidenceResponseDto> {
    return this.files.upload(id, upload, user, version);
  }

  @Get(':id/file')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({
    operationId: 'downloadEvidenceFile',
    summary: 'Download the file, after checking its sha256',
  })
  @ApiOkResponse({
    description: 'The bytes, with the recorded Content-Type and file name.',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
    headers: {
      'Content-Disposition': {
        description: 'attachment, with the recorded file name.',
        schema: { type: 'string', example: 'attachment; filename="access-review-q3.pdf"' },
      },
    },
  })
  @ApiProblemResponses(
    { status: 404, description: 'No such evidence, or no file.' },
    {
      status: 500,
      description: 'The stored bytes no longer match their sha256 (evidence-file-corrupted).',
    },
  )
  async downloadFile(@UuidParam('id') id: string): Promise<StreamableFile> {
    const file = await this.files.download(id);
    return new StreamableFile(file.content, {
      type: file.contentType,
      length: file.size,
      disposition: attachmentDisposition(file.name),
    });
  }

  @Post(':id/review')
  @AuditedAs(AuditAction.Review, { entityType: AuditEntityType.Evidence })
  @Roles(...REVIEWERS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ operationId: 'reviewEvidence', summary: 'Approve or reject evidence' })
  @ApiVersionedResponse(EvidenceResponseDto, { description: 'The evidence, as reviewed.' })
  @ApiProblemResponses(404, 413, 415)
  review(
    @UuidParam('id') id: string,
    @Body() dto: ReviewEvidenceDto,
    @CurrentUser() user: AuthUser,
    @IfMatch() version?: number,
  ): Promise<EvidenceResponseDto> {
    return this.evidence.review(id, dto, user, version);
  }
}
