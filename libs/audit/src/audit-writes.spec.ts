import { Controller, Delete, Get, Module, Patch, Post, Put } from '@nestjs/common';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { auditWrites, unauditedWrites } from './audit-writes';
import { AuditInterceptor } from './audit.interceptor';

function interceptorsOf(handler: object): unknown[] {
  return (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? []) as unknown[];
}

@Controller('things')
class ThingController {
  @Get()
  list(): void {}

  @Post()
  create(): void {}

  @Put(':id/file')
  upload(): void {}

  @Patch(':id')
  update(): void {}

  @Delete(':id')
  remove(): void {}

  helper(): void {}
}

@Module({ controllers: [ThingController] })
class ThingModule {}

@Controller('others')
class OtherController {
  @Post()
  create(): void {}
}

describe(auditWrites.name, () => {
  beforeAll(() => auditWrites([ThingModule]));

  it('should attach the audit interceptor to POST, PUT, PATCH and DELETE handlers', () => {
    for (const handler of [
      ThingController.prototype.create,
      ThingController.prototype.upload,
      ThingController.prototype.update,
      ThingController.prototype.remove,
    ]) {
      expect(interceptorsOf(handler)).toEqual([AuditInterceptor]);
    }
  });

  it('should leave reads and plain methods alone', () => {
    expect(interceptorsOf(ThingController.prototype.list)).toEqual([]);
    expect(interceptorsOf(ThingController.prototype.helper)).toEqual([]);
  });

  it('should attach it once however often it is called', () => {
    auditWrites([ThingModule, ThingModule]);
    expect(interceptorsOf(ThingController.prototype.create)).toEqual([AuditInterceptor]);
  });
});

describe(unauditedWrites.name, () => {
  beforeAll(() => auditWrites([ThingModule]));

  it('should name the write handlers of controllers whose module was not passed', () => {
    expect(unauditedWrites([ThingController, OtherController])).toEqual([
      'POST OtherController.create',
    ]);
  });
});
