export { API_KEY_MAX_DAYS, ApiKeyService } from './api-key.service';
export { ApiKeyModule } from './api-key.module';
export { ApiKeyResponseDto } from './dto/api-key-response.dto';
export { CreateApiKeyDto } from './dto/create-api-key.dto';
export { CreatedApiKeyDto } from './dto/created-api-key.dto';
