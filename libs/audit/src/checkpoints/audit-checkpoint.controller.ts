import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, UserRole } from '@rct/auth';
import { ApiProblemResponses, Page, PageQueryDto } from '@rct/common';
import { AuditCheckpointService } from './audit-checkpoint.service';
import {
  AuditCheckpointPageDto,
  AuditCheckpointResponseDto,
} from './dto/audit-checkpoint-response.dto';
import { AuditPublicKeyListDto } from './dto/audit-public-key-response.dto';

@ApiTags('audit')
@Roles(UserRole.Admin)
@Controller('audit-events')
export class AuditCheckpointController {
  constructor(private readonly checkpoints: AuditCheckpointService) {}

  @Get('checkpoints')
  @ApiOperation({
    operationId: 'listAuditCheckpoints',
    summary: 'List the signed checkpoints of the audit chain, newest first',
  })
  @ApiOkResponse({ type: AuditCheckpointPageDto, description: 'One page of checkpoints.' })
  @ApiProblemResponses(400)
  list(@Query() query: PageQueryDto): Promise<Page<AuditCheckpointResponseDto>> {
    return this.checkpoints.list(query);
  }

  @Get('public-keys')
  @ApiOperation({
    operationId: 'getAuditPublicKeys',
    summary: 'List the public keys that verify audit checkpoints, rotated-out ones included',
  })
  @ApiOkResponse({ type: AuditPublicKeyListDto, description: 'Every signing key, oldest first.' })
  publicKeys(): Promise<AuditPublicKeyListDto> {
    return this.checkpoints.publicKeys();
  }
}
