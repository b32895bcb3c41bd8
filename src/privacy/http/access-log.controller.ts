import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator.js';
import { badField } from '../../http/problem-error.js';
import { isPersonId } from '../../persons/domain/person-id.js';
import { AccessLog, accessLogPageMax } from '../application/access-log.js';

@ApiTags('access-log')
@ApiBearerAuth()
@Controller('access-log')
export class AccessLogController {
  constructor(private readonly log: AccessLog) {}

  @Get()
  @Roles('investigator')
  @ApiOperation({
    summary: `Every read of a resident ID in clear (who, role, when, which person, which endpoint), oldest first; the last ${accessLogPageMax} (of one person with personId)`,
  })
  @ApiQuery({ name: 'personId', required: false })
  async entries(@Query('personId') personId?: string) {
    if (personId !== undefined && !isPersonId(personId))
      throw badField('personId', 'must be a person id (per_ and 24 hex digits)');
    return { entries: await this.log.entries(personId) };
  }
}
