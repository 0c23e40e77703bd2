import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { FileUpload, receiveFile } from './file-upload.reader';

/**
 * The multipart file part named `field` of the request, read only when the service asks for it
 * (after its own checks), so refused requests never buffer a file.
 */
export const UploadedFilePart = createParamDecorator(
  (field: string, context: ExecutionContext): FileUpload => {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return { receive: (maxBytes) => receiveFile(request, field, maxBytes) };
  },
);
