import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { ApiKeyResponseDto } from './api-key-response.dto';

/** A key just created, with its secret: the only answer that ever holds it. */
@ApiSchema({ name: 'CreatedApiKey' })
export class CreatedApiKeyDto {
  apiKey: ApiKeyResponseDto;

  /** Send it as `X-API-Key`. Shown once: store it now, it cannot be read again. */
  @ApiProperty({ example: 'rct_Xk3r9QaB_3q2-7wZfVb1nQeL0sJk9yT4uR6pA8dC5mH2xG7iO1vE' })
  secret: string;
}
