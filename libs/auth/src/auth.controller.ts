import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, AuditedAs, NoStore } from '@rct/common';
import { AuthService } from './auth.service';
import { Authenticated } from './decorators/authenticated.decorator';
import { RefuseApiKeys } from './decorators/refuse-api-keys.decorator';
import { ClientIp } from './decorators/client-ip.decorator';
import { CurrentUser } from './decorators/current-user.decorator';
import { Public } from './decorators/public.decorator';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import { RefreshTokenDto } from './dto/refresh-token.dto';
import { TokenPairDto } from './dto/token-pair.dto';
import { AuthUser } from './session-user';

/** Every route here takes a JSON body. */
@ApiTags('auth')
@ApiProblemResponses(400, 413, 415)
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @AuditedAs('login', { onFailure: 'login_failed', entityType: 'session' })
  @Public()
  @NoStore()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'login',
    summary: 'Sign in with e-mail and password',
    description:
      'In Swagger UI: copy `accessToken` from the response, press Authorize and paste it; ' +
      'it is kept across reloads until it expires.',
  })
  @ApiOkResponse({ type: TokenPairDto, description: 'Signed in.' })
  @ApiProblemResponses(
    { status: 401, description: 'Wrong e-mail or password, or the user is deactivated.' },
    {
      status: 429,
      description:
        'Too many failed sign-ins for this e-mail or address, or a rate limit is reached; see Retry-After.',
    },
  )
  login(@Body() dto: LoginDto, @ClientIp() ip: string): Promise<TokenPairDto> {
    return this.auth.login(dto, ip);
  }

  @Post('refresh')
  @AuditedAs('refresh', { entityType: 'session' })
  @Public()
  @NoStore()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'refreshTokens',
    summary: 'Exchange a refresh token for a new token pair',
    description: 'The presented token is spent. Presenting a spent token ends its whole session.',
  })
  @ApiOkResponse({ type: TokenPairDto, description: 'The next token pair.' })
  @ApiProblemResponses({
    status: 401,
    description: 'Unknown, expired, revoked or reused refresh token.',
  })
  refresh(@Body() dto: RefreshTokenDto): Promise<TokenPairDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @AuditedAs('logout', { entityType: 'session' })
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'logout', summary: "End the refresh token's session" })
  @ApiNoContentResponse({ description: 'The session is over.' })
  @ApiProblemResponses({
    status: 401,
    description: 'The refresh token is not a live token of yours.',
  })
  logout(@Body() dto: RefreshTokenDto, @CurrentUser() user: AuthUser): Promise<void> {
    return this.auth.logout(dto.refreshToken, user.id);
  }

  @Post('change-password')
  @AuditedAs('password_change', { entityType: 'user' })
  @RefuseApiKeys()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'changePassword',
    summary: 'Change your own password',
    description:
      "Every other session ends; access tokens issued before now stop working, so refresh this session's token to continue.",
  })
  @ApiNoContentResponse({ description: 'Password changed.' })
  @ApiProblemResponses(
    {
      status: 400,
      description: 'Invalid input, a wrong currentPassword, or a newPassword equal to it.',
    },
    {
      status: 429,
      description:
        'Too many wrong current passwords for this user or address, or a rate limit is reached; see Retry-After.',
    },
  )
  changePassword(
    @Body() dto: ChangePasswordDto,
    @CurrentUser() user: AuthUser,
    @ClientIp() ip: string,
  ): Promise<void> {
    return this.auth.changePassword(user.id, user.sessionId ?? undefined, dto, ip);
  }
}
