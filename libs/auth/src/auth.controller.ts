import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ProblemDetailsDto } from '@rct/common';
import { AuthService } from './auth.service';
import { Authenticated } from './decorators/authenticated.decorator';
import { ClientIp } from './decorators/client-ip.decorator';
import { CurrentUser } from './decorators/current-user.decorator';
import { Public } from './decorators/public.decorator';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import { RefreshTokenDto } from './dto/refresh-token.dto';
import { TokenPairDto } from './dto/token-pair.dto';
import { AuthUser } from './session-user';

@ApiTags('auth')
@ApiBadRequestResponse({ description: 'Invalid body.', type: ProblemDetailsDto })
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ operationId: 'login', summary: 'Sign in with e-mail and password' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password.', type: ProblemDetailsDto })
  @ApiTooManyRequestsResponse({
    description: 'Too many failed sign-ins for this e-mail or address; see Retry-After.',
    type: ProblemDetailsDto,
  })
  login(@Body() dto: LoginDto, @ClientIp() ip: string): Promise<TokenPairDto> {
    return this.auth.login(dto, ip);
  }

  @Post('refresh')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'refreshTokens',
    summary: 'Exchange a refresh token for a new token pair',
    description: 'The presented token is spent. Presenting a spent token ends its whole session.',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({
    description: 'Unknown, expired, revoked or reused refresh token.',
    type: ProblemDetailsDto,
  })
  refresh(@Body() dto: RefreshTokenDto): Promise<TokenPairDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'logout', summary: "End the refresh token's session" })
  @ApiNoContentResponse({ description: 'The session is over.' })
  logout(@Body() dto: RefreshTokenDto, @CurrentUser() user: AuthUser): Promise<void> {
    return this.auth.logout(dto.refreshToken, user.id);
  }

  @Post('change-password')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'changePassword',
    summary: 'Change your own password',
    description:
      "Every other session ends; access tokens issued before now stop working, so refresh this session's token to continue.",
  })
  @ApiNoContentResponse({ description: 'Password changed.' })
  changePassword(@Body() dto: ChangePasswordDto, @CurrentUser() user: AuthUser): Promise<void> {
    return this.auth.changePassword(user.id, user.sessionId, dto);
  }
}
