import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Authenticated, CurrentUser, Roles, UserRole } from '@rct/auth';
import { ApiProblemResponses, Page, PageQueryDto, UuidParam } from '@rct/common';
import { CreateRiskReviewDto } from './dto/create-risk-review.dto';
import { RiskReviewPage, RiskReviewResponseDto } from './dto/risk-review-response.dto';
import { RiskReviewService } from './risk-review.service';

@ApiTags('risk-reviews')
@Authenticated()
@ApiProblemResponses(400)
@Controller('risks/:id/reviews')
export class RiskReviewController {
  constructor(private readonly reviews: RiskReviewService) {}

  @Post()
  @Roles(UserRole.Admin, UserRole.Manager, UserRole.Analyst)
  @ApiOperation({
    operationId: 'createRiskReview',
    summary: 'Record a periodic review of a risk (analysts: own risks)',
  })
  @ApiCreatedResponse({
    type: RiskReviewResponseDto,
    description: 'The review; the risk moved on.',
  })
  @ApiProblemResponses(404, 413, 415)
  create(
    @UuidParam('id') riskId: string,
    @Body() dto: CreateRiskReviewDto,
    @CurrentUser() user: AuthUser,
  ): Promise<RiskReviewResponseDto> {
    return this.reviews.create(riskId, dto, user);
  }

  @Get()
  @ApiOperation({ operationId: 'listRiskReviews', summary: "A risk's reviews, newest first" })
  @ApiOkResponse({ type: RiskReviewPage, description: 'One page of reviews.' })
  @ApiProblemResponses(404)
  list(
    @UuidParam('id') riskId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<RiskReviewResponseDto>> {
    return this.reviews.list(riskId, query);
  }
}
