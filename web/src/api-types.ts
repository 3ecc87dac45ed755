/**
 * The Ketenplein API as the web app sees it, generated from the OpenAPI document by scripts/api-types.ts.
 * Do not edit: `npm run api-types` regenerates it, and test/api/api-types.test.ts fails when it is stale.
 */
export interface paths {
  '/api/v1/audit/': {
    get: {
      responses: {
        '200': {
          seq: string;
          /** ISO 8601 timestamp */
          at?: string;
          userId?: string | null;
          userName?: string | null;
          userEmail?: string | null;
          orgId?: string | null;
          role?: string | null;
          purpose?: string | null;
          action?: string;
          resource?: string;
          recordIds?: string[];
          fields?: string[];
          result?: string;
          reason?: string | null;
          prevHash?: string;
          hash?: string;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/audit/export': {
    get: {
      responses: {
        '200': string | Blob;
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/audit/list': {
    get: {
      responses: {
        '200': {
          items: {
            seq: string;
            /** ISO 8601 timestamp */
            at?: string;
            userId?: string | null;
            userName?: string | null;
            userEmail?: string | null;
            orgId?: string | null;
            role?: string | null;
            purpose?: string | null;
            action?: string;
            resource?: string;
            recordIds?: string[];
            fields?: string[];
            result?: string;
            reason?: string | null;
            prevHash?: string;
            hash?: string;
          }[];
          /** how many rows match the search and filters, over all pages */
          total: number;
          page: number;
          pageSize: number;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/audit/verify': {
    get: {
      responses: {
        '200':
          | {
              ok: true;
              checked: number;
              head: string;
              legacyEntries: number;
              checkpoints: {
                compared: number;
                latest: {
                  seq: string;
                  hash: string;
                  at: string;
                  mac: string;
                } | null;
                written: {
                  seq: string;
                  hash: string;
                  at: string;
                  mac: string;
                } | null;
                folder: string | null;
              };
            }
          | {
              ok: false;
              checked: number;
              brokenAt: string;
              reason: string;
              checkpoints: {
                compared: number;
                latest: {
                  seq: string;
                  hash: string;
                  at: string;
                  mac: string;
                } | null;
                written: {
                  seq: string;
                  hash: string;
                  at: string;
                  mac: string;
                } | null;
                folder: string | null;
              };
            };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/auth/login': {
    post: {
      requestBody: {
        email: string;
        password: string;
        totp?: string;
      };
      responses: {
        '200': {
          user: {
            id: string;
            email: string;
            name: string;
            roles: string[];
            totpEnabled: boolean;
            /** a password someone else knew: change it before anything else */
            mustChangePassword: boolean;
            /** a role of the user requires two-step verification */
            totpRequired: boolean;
            /** required but not set up: enrol before anything else */
            totpEnrolmentRequired: boolean;
            organisation: {
              id: string;
              name: string;
              type: string;
            };
          };
          purposes: string[];
          abilities: {
            resource:
              | 'organisation'
              | 'user'
              | 'audit_log'
              | 'audit_chain'
              | 'signal'
              | 'signal_person'
              | 'triage_ruleset'
              | 'signal_registrations'
              | 'estimate'
              | 'estimation_round'
              | 'encoded_list'
              | 'crawl_investigation'
              | 'site_adapter'
              | 'crawl'
              | 'crawl_identifier_decision'
              | 'crawl_ad'
              | 'data_subject_request'
              | 'subject_record'
              | 'case'
              | 'case_person'
              | 'case_company'
              | 'case_address'
              | 'case_identifier'
              | 'case_event'
              | 'case_task'
              | 'case_referral'
              | 'case_history'
              | 'consultation'
              | 'consultation_item'
              | 'consultation_note'
              | 'case_notification'
              | 'case_document'
              | 'care_client'
              | 'care_consent'
              | 'care_safe_address'
              | 'shelter_place'
              | 'placement_request'
              | 'reflection_period'
              | 'shelter_overview'
              | 'victim_registration'
              | 'victim_registration_figures'
              | 'care_trajectory'
              | 'care_handover'
              | 'missing_minor'
              | 'wav_version'
              | 'wav_entry'
              | 'visa_screening'
              | 'monitor_indicator'
              | 'monitor_figure'
              | 'monitor_period'
              | 'monitor_aggregate'
              | 'municipal_assessment'
              | 'fiu_batch'
              | 'fiu_transaction'
              | 'programme_measure'
              | 'programme_activity'
              | 'monitor_report_text';
            action:
              | 'read'
              | 'create'
              | 'update'
              | 'delete'
              | 'verify'
              | 'export'
              | 'transition'
              | 'link'
              | 'aggregate'
              | 'search'
              | 'restrict'
              | 'erase'
              | 'rectify'
              | 'create_from_crawler';
            purposes: {
              purpose:
                | 'signal_intake'
                | 'signal_assessment'
                | 'criminal_investigation'
                | 'administrative_enforcement'
                | 'care_coordination'
                | 'statistics'
                | 'audit_control'
                | 'data_subject_request'
                | 'administration'
                | 'case_consultation'
                | 'victim_registration'
                | 'visa_screening';
              roles: (
                | 'intake'
                | 'triage'
                | 'investigator'
                | 'care_coordinator'
                | 'municipal_coordinator'
                | 'analyst'
                | 'privacy_officer'
                | 'admin'
                | 'consultation_chair'
                | 'provider_intake'
                | 'registrar'
                | 'youth_care_worker'
                | 'programme_manager'
                | 'visa_officer'
                | 'feed_publisher'
              )[];
            }[];
          }[];
          csrfToken: string;
          expiresAt: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/auth/logout': {
    post: {
      responses: {
        '204': null;
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/auth/logout-everywhere': {
    post: {
      responses: {
        '204': null;
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/auth/me': {
    get: {
      responses: {
        '200': {
          user: {
            id: string;
            email: string;
            name: string;
            roles: string[];
            totpEnabled: boolean;
            /** a password someone else knew: change it before anything else */
            mustChangePassword: boolean;
            /** a role of the user requires two-step verification */
            totpRequired: boolean;
            /** required but not set up: enrol before anything else */
            totpEnrolmentRequired: boolean;
            organisation: {
              id: string;
              name: string;
              type: string;
            };
          };
          purposes: string[];
          abilities: {
            resource:
              | 'organisation'
              | 'user'
              | 'audit_log'
              | 'audit_chain'
              | 'signal'
              | 'signal_person'
              | 'triage_ruleset'
              | 'signal_registrations'
              | 'estimate'
              | 'estimation_round'
              | 'encoded_list'
              | 'crawl_investigation'
              | 'site_adapter'
              | 'crawl'
              | 'crawl_identifier_decision'
              | 'crawl_ad'
              | 'data_subject_request'
              | 'subject_record'
              | 'case'
              | 'case_person'
              | 'case_company'
              | 'case_address'
              | 'case_identifier'
              | 'case_event'
              | 'case_task'
              | 'case_referral'
              | 'case_history'
              | 'consultation'
              | 'consultation_item'
              | 'consultation_note'
              | 'case_notification'
              | 'case_document'
              | 'care_client'
              | 'care_consent'
              | 'care_safe_address'
              | 'shelter_place'
              | 'placement_request'
              | 'reflection_period'
              | 'shelter_overview'
              | 'victim_registration'
              | 'victim_registration_figures'
              | 'care_trajectory'
              | 'care_handover'
              | 'missing_minor'
              | 'wav_version'
              | 'wav_entry'
              | 'visa_screening'
              | 'monitor_indicator'
              | 'monitor_figure'
              | 'monitor_period'
              | 'monitor_aggregate'
              | 'municipal_assessment'
              | 'fiu_batch'
              | 'fiu_transaction'
              | 'programme_measure'
              | 'programme_activity'
              | 'monitor_report_text';
            action:
              | 'read'
              | 'create'
              | 'update'
              | 'delete'
              | 'verify'
              | 'export'
              | 'transition'
              | 'link'
              | 'aggregate'
              | 'search'
              | 'restrict'
              | 'erase'
              | 'rectify'
              | 'create_from_crawler';
            purposes: {
              purpose:
                | 'signal_intake'
                | 'signal_assessment'
                | 'criminal_investigation'
                | 'administrative_enforcement'
                | 'care_coordination'
                | 'statistics'
                | 'audit_control'
                | 'data_subject_request'
                | 'administration'
                | 'case_consultation'
                | 'victim_registration'
                | 'visa_screening';
              roles: (
                | 'intake'
                | 'triage'
                | 'investigator'
                | 'care_coordinator'
                | 'municipal_coordinator'
                | 'analyst'
                | 'privacy_officer'
                | 'admin'
                | 'consultation_chair'
                | 'provider_intake'
                | 'registrar'
                | 'youth_care_worker'
                | 'programme_manager'
                | 'visa_officer'
                | 'feed_publisher'
              )[];
            }[];
          }[];
          csrfToken: string;
          expiresAt: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/auth/password': {
    post: {
      requestBody: {
        current: string;
        next: string;
      };
      responses: {
        '204': null;
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/auth/password-forgotten': {
    post: {
      requestBody: {
        email: string;
      };
      responses: {
        '202': {
          accepted: true;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/auth/password-link': {
    post: {
      requestBody: {
        token: string;
      };
      responses: {
        '200': {
          email: string;
          name: string;
          kind: 'invite' | 'reset';
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/auth/password-link/use': {
    post: {
      requestBody: {
        token: string;
        password: string;
      };
      responses: {
        '204': null;
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/auth/totp/enable': {
    post: {
      requestBody: {
        secret: string;
        code: string;
        password: string;
      };
      responses: {
        '204': null;
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/auth/totp/setup': {
    post: {
      responses: {
        '200': {
          secret: string;
          uri: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/care/clients': {
    get: {
      responses: {
        '200': {
          id: string;
          alias?: string | null;
          givenNames?: string | null;
          prefix?: string | null;
          surname?: string | null;
          gender?: string | null;
          nationality?: string | null;
          needs?: string[];
          forms?: string[];
          source?: string;
          /** ISO 8601 timestamp */
          createdAt?: string;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    post: {
      requestBody: {
        source: 'signal' | 'case_referral' | 'direct';
        signalId?: string;
        sourceReference?: string;
        alias?: string | null;
        givenNames?: string | null;
        prefix?: string | null;
        surname?: string | null;
        dateOfBirth?: string | null;
        estimatedAge?: number | null;
        gender?: 'female' | 'male' | 'x' | 'unknown' | null;
        nationality?: string | null;
        languages?: string[];
        immigrationStatus?:
          | 'dutch'
          | 'eu'
          | 'third_country'
          | 'asylum_seeker'
          | 'dublin_claimant'
          | 'unknown';
        forms?: ('sexual' | 'labour' | 'criminal' | 'organ_removal' | 'other' | 'unknown')[];
        exploitationPlaces?: {
          municipalityCode?: string;
          abroad?: string;
        }[];
        needs?: (
          | 'mild_intellectual_disability'
          | 'psychiatric'
          | 'addiction'
          | 'pregnancy_or_children'
          | 'minor'
          | 'male_victim'
          | 'medical'
        )[];
        safety?: {
          factors: (
            | 'exploiter_at_large'
            | 'threats_received'
            | 'debt_bondage'
            | 'family_involved'
            | 'exploiter_knows_location'
            | 'self_harm'
          )[];
          level: 'low' | 'medium' | 'high' | 'acute';
          assessedOn: string;
          assessedBy: string;
        } | null;
        contactChannel?: 'via_coordinator' | 'phone_safe' | 'via_shelter' | 'via_lawyer' | null;
      };
      responses: {
        '201': {
          id: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/care/clients/{id}': {
    get: {
      responses: {
        '200': {
          id: string;
          alias?: string | null;
          givenNames?: string | null;
          prefix?: string | null;
          surname?: string | null;
          gender?: string | null;
          nationality?: string | null;
          needs?: string[];
          forms?: string[];
          source?: string;
          /** ISO 8601 timestamp */
          createdAt?: string;
          orgId?: string;
          sourceSignalId?: string | null;
          sourceReference?: string | null;
          /** date, YYYY-MM-DD */
          dateOfBirth?: string | null;
          estimatedAge?: number | null;
          age?: number | null;
          languages?: string[];
          immigrationStatus?: string;
          exploitationPlaces?: {
            municipalityCode?: string;
            abroad?: string;
          }[];
          safety?: {
            factors: string[];
            level: string;
            /** date, YYYY-MM-DD */
            assessedOn: string;
            assessedBy: string;
          } | null;
          contactChannel?: string | null;
          /** ISO 8601 timestamp */
          restrictedAt?: string | null;
          consents?: {
            id: string;
            scope: string;
            /** date, YYYY-MM-DD */
            givenOn: string;
            how: string;
            /** date, YYYY-MM-DD */
            withdrawnOn: string | null;
            covers?: string[];
          }[];
          reflectionPeriod?: {
            id: string;
            clientId?: string;
            /** date, YYYY-MM-DD */
            offeredOn: string;
            /** date, YYYY-MM-DD */
            startedOn: string | null;
            /** date, YYYY-MM-DD */
            endsOn: string | null;
            /** date, YYYY-MM-DD */
            endedOn: string | null;
            decision: string | null;
            /** date, YYYY-MM-DD */
            decisionOn: string | null;
            /** date, YYYY-MM-DD */
            permitAppliedOn: string | null;
            permitDecision: string | null;
            /** date, YYYY-MM-DD */
            permitDecidedOn: string | null;
            clock?: {
              status: string;
              daysLeft: number | null;
            };
          } | null;
          placements?: {
            id: string;
            state: string;
            /** ISO 8601 timestamp */
            filedAt: string;
            placeId: string | null;
            /** date, YYYY-MM-DD */
            admittedOn: string | null;
            /** date, YYYY-MM-DD */
            dischargedOn: string | null;
            destination: string | null;
          }[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    patch: {
      requestBody: {
        alias?: string | null;
        givenNames?: string | null;
        prefix?: string | null;
        surname?: string | null;
        dateOfBirth?: string | null;
        estimatedAge?: number | null;
        gender?: 'female' | 'male' | 'x' | 'unknown' | null;
        nationality?: string | null;
        languages?: string[];
        immigrationStatus?:
          | 'dutch'
          | 'eu'
          | 'third_country'
          | 'asylum_seeker'
          | 'dublin_claimant'
          | 'unknown';
        forms?: ('sexual' | 'labour' | 'criminal' | 'organ_removal' | 'other' | 'unknown')[];
        exploitationPlaces?: {
          municipalityCode?: string;
          abroad?: string;
        }[];
        needs?: (
          | 'mild_intellectual_disability'
          | 'psychiatric'
          | 'addiction'
          | 'pregnancy_or_children'
          | 'minor'
          | 'male_victim'
          | 'medical'
        )[];
        safety?: {
          factors: (
            | 'exploiter_at_large'
            | 'threats_received'
            | 'debt_bondage'
            | 'family_involved'
            | 'exploiter_knows_location'
            | 'self_harm'
          )[];
          level: 'low' | 'medium' | 'high' | 'acute';
          assessedOn: string;
          assessedBy: string;
        } | null;
        contactChannel?: 'via_coordinator' | 'phone_safe' | 'via_shelter' | 'via_lawyer' | null;
      };
      responses: {
        '200': {
          fields: string[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/care/clients/{id}/consents': {
    post: {
      requestBody: {
        scope: 'placement' | 'comensha_registration' | 'handover' | 'police';
        givenOn: string;
        how: 'verbal' | 'written' | 'with_interpreter';
        covers?: (
          | 'identity'
          | 'date_of_birth'
          | 'languages'
          | 'needs'
          | 'safety'
          | 'contact_channel'
          | 'forms'
          | 'immigration_status'
        )[];
      };
      responses: {
        '201': {
          id: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/care/clients/{id}/placement-requests': {
    post: {
      requestBody: {
        needs?: (
          | 'mild_intellectual_disability'
          | 'psychiatric'
          | 'addiction'
          | 'pregnancy_or_children'
          | 'minor'
          | 'male_victim'
          | 'medical'
        )[];
        avoidRegions?: string[];
        avoidMunicipalities?: string[];
        note?: string;
      };
      responses: {
        '201': {
          id: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/care/clients/{id}/reflection': {
    post: {
      requestBody:
        | {
            action: 'offer';
            offeredOn: string;
          }
        | {
            action: 'start';
            startedOn: string;
            endsOn?: string;
          }
        | {
            action: 'decide';
            decision: 'report' | 'cooperate' | 'decline';
            decisionOn: string;
          }
        | {
            action: 'apply_permit';
            appliedOn: string;
          }
        | {
            action: 'permit_decision';
            decision: 'granted' | 'refused';
            decidedOn: string;
          }
        | {
            action: 'end';
            endedOn: string;
          };
      responses: {
        '200': {
          id: string;
          clock?: {
            status: string;
            daysLeft: number | null;
          };
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/care/clients/{id}/trajectories': {
    get: {
      responses: {
        '200': {
          id: string;
          clientId?: string;
          outcome?: string | null;
          /** date, YYYY-MM-DD */
          closedOn?: string | null;
          /** ISO 8601 timestamp */
          createdAt?: string;
          phases?: {
            id: string;
            position: number;
            phase: string;
            providerOrgId: string;
            provider: string;
            state: string;
            /** date, YYYY-MM-DD */
            startedOn: string | null;
            /** date, YYYY-MM-DD */
            endedOn: string | null;
          }[];
          handovers?: {
            id: string;
            phase: string;
            fields: string[];
            state: string;
            reason: string | null;
            /** date, YYYY-MM-DD */
            proposedOn: string;
            /** ISO 8601 timestamp */
            decidedAt: string | null;
          }[];
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    post: {
      requestBody: {
        phases: {
          phase: 'acute' | 'stabilisation' | 'treatment' | 'aftercare' | 'return';
          providerOrgId: string;
        }[];
      };
      responses: {
        '201': {
          id: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/care/consents/{id}/withdraw': {
    post: {
      requestBody: {
        withdrawnOn: string;
      };
      responses: {
        '204': null;
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/care/handovers': {
    get: {
      responses: {
        '200': {
          id: string;
          phase?: string;
          fields?: string[];
          payload?: {
            [key: string]: unknown;
          };
          state?: string;
          reason?: string | null;
          /** date, YYYY-MM-DD */
          proposedOn?: string;
          /** ISO 8601 timestamp */
          decidedAt?: string | null;
          /** the sender erased the client file (AVG art. 19): decide on this copy */
          sourceErasedAt?: string | null;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/care/handovers/{id}/decision': {
    post: {
      requestBody:
        | {
            action: 'confirm_handover';
          }
        | {
            action: 'refuse_handover';
            reason: string;
          };
      responses: {
        '200': {
          id: string;
          state: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/care/locations': {
    post: {
      requestBody: {
        name: string;
        municipalityCode: string;
        places: {
          kind: 'categorical' | 'multi_problem' | 'womens_shelter' | 'male_victims' | 'youth_protected';
          capacity: number;
          occupancy: number;
          genders: ('female' | 'male' | 'x' | 'unknown')[];
          minAge: number;
          maxAge: number;
          needs: (
            | 'mild_intellectual_disability'
            | 'psychiatric'
            | 'addiction'
            | 'pregnancy_or_children'
            | 'minor'
            | 'male_victim'
            | 'medical'
          )[];
        }[];
      };
      responses: {
        '201': {
          id: string;
          placeIds: string[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/care/missing-minors': {
    get: {
      responses: {
        '200': {
          id: string;
          givenNames?: string;
          surname?: string;
          /** null once erased on request (AVG art. 17) */
          dateOfBirth?: string | null;
          kind?: string;
          /** ISO 8601 timestamp */
          missingSince?: string;
          description?: string;
          riskFactors?: string[];
          earlierAbsences?: number;
          risk?: string;
          state?: string;
          /** ISO 8601 timestamp */
          returnedAt?: string | null;
          /** ISO 8601 timestamp */
          createdAt?: string;
          institution?: string;
          police?: string;
          timeline?: {
            kind: string;
            note: string | null;
            /** ISO 8601 timestamp */
            at: string;
            author: string;
          }[];
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    post: {
      requestBody: {
        givenNames: string;
        surname: string;
        dateOfBirth: string;
        kind: 'no_return_from_leave' | 'ran_away';
        missingSince: string;
        description: string;
        riskFactors: (
          | 'exploitation_suspected'
          | 'loverboy_contact'
          | 'medication'
          | 'under_12'
          | 'suicidal'
          | 'unknown_adults'
        )[];
      };
      responses: {
        '201': {
          id: string;
          risk: string;
          earlierAbsences: number;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/care/missing-minors/{id}/events': {
    post: {
      requestBody: {
        kind: 'acknowledged' | 'sighting' | 'note' | 'returned';
        note?: string;
      };
      responses: {
        '200': {
          id: string;
          state: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/care/overview': {
    get: {
      responses: {
        '200': {
          smallCell: number;
          rows: {
            kind: string;
            region: string;
            capacity: number;
            occupancy: number | null;
            waiting: number | null;
            stalePlaces: number;
            suppressed: string[];
          }[];
          unassignedWaiting: number | null;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/care/placement-requests': {
    get: {
      responses: {
        '200': {
          id: string;
          clientId?: string;
          coordinatorOrgId?: string;
          needs?: string[];
          gender?: string;
          age?: number;
          avoidRegions?: string[];
          avoidMunicipalities?: string[];
          state?: string;
          placeId?: string | null;
          shelterOrgId?: string | null;
          history?: {
            action: string;
            /** ISO 8601 timestamp */
            at: string;
            by: string;
            orgId: string;
            placeId?: string | null;
            reason?: string | null;
            note?: string | null;
          }[];
          /** ISO 8601 timestamp */
          filedAt?: string;
          /** date, YYYY-MM-DD */
          admittedOn?: string | null;
          /** date, YYYY-MM-DD */
          dischargedOn?: string | null;
          destination?: string | null;
          waitingDays?: number;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/care/placement-requests/{id}': {
    get: {
      responses: {
        '200': {
          id: string;
          clientId?: string;
          coordinatorOrgId?: string;
          needs?: string[];
          gender?: string;
          age?: number;
          avoidRegions?: string[];
          avoidMunicipalities?: string[];
          state?: string;
          placeId?: string | null;
          shelterOrgId?: string | null;
          history?: {
            action: string;
            /** ISO 8601 timestamp */
            at: string;
            by: string;
            orgId: string;
            placeId?: string | null;
            reason?: string | null;
            note?: string | null;
          }[];
          /** ISO 8601 timestamp */
          filedAt?: string;
          /** date, YYYY-MM-DD */
          admittedOn?: string | null;
          /** date, YYYY-MM-DD */
          dischargedOn?: string | null;
          destination?: string | null;
          waitingDays?: number;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/care/placement-requests/{id}/matches': {
    get: {
      responses: {
        '200': {
          version: number;
          ranked: {
            placeId: string;
            score: number;
            reasons: {
              code: string;
              points: number;
              label: {
                nl: string;
                en: string;
              };
            }[];
            place: {
              id: string;
              locationId?: string;
              orgId?: string;
              organisation?: string;
              location?: string;
              municipalityCode?: string;
              region?: string;
              kind?: string;
              capacity?: number;
              occupancy?: number;
              available?: number;
              genders?: string[];
              minAge?: number;
              maxAge?: number;
              needs?: string[];
              /** ISO 8601 timestamp */
              figuresAt?: string;
              stale?: boolean;
            };
          }[];
          excluded: number;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/care/placement-requests/{id}/safe-address': {
    get: {
      responses: {
        '200': {
          placementId: string;
          clientId?: string;
          address: string;
          /** ISO 8601 timestamp */
          recordedAt: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/care/placement-requests/{id}/transitions': {
    post: {
      requestBody:
        | {
            action: 'propose';
            placeId: string;
            note?: string;
          }
        | {
            action: 'withdraw';
            note?: string;
          }
        | {
            action: 'accept';
            note?: string;
          }
        | {
            action: 'decline';
            reason: 'no_place' | 'needs_not_met' | 'safety' | 'age' | 'other';
            note?: string;
          }
        | {
            action: 'admit';
            admittedOn: string;
            safeAddress: string;
          }
        | {
            action: 'discharge';
            dischargedOn: string;
            destination:
              | 'independent_living'
              | 'follow_up_care'
              | 'return_iom'
              | 'other_shelter'
              | 'left_unannounced'
              | 'other';
            note?: string;
          };
      responses: {
        '200': {
          id: string;
          state: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/care/places': {
    get: {
      responses: {
        '200': {
          id: string;
          locationId?: string;
          orgId?: string;
          organisation?: string;
          location?: string;
          municipalityCode?: string;
          region?: string;
          kind?: string;
          capacity?: number;
          occupancy?: number;
          available?: number;
          genders?: string[];
          minAge?: number;
          maxAge?: number;
          needs?: string[];
          /** ISO 8601 timestamp */
          figuresAt?: string;
          stale?: boolean;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/care/places/{id}': {
    patch: {
      requestBody: {
        capacity?: number;
        occupancy?: number;
      };
      responses: {
        '200': {
          capacity: number;
          occupancy: number;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/care/reflection-clocks': {
    get: {
      responses: {
        '200': {
          id: string;
          clientId?: string;
          /** date, YYYY-MM-DD */
          offeredOn: string;
          /** date, YYYY-MM-DD */
          startedOn: string | null;
          /** date, YYYY-MM-DD */
          endsOn: string | null;
          /** date, YYYY-MM-DD */
          endedOn: string | null;
          decision: string | null;
          /** date, YYYY-MM-DD */
          decisionOn: string | null;
          /** date, YYYY-MM-DD */
          permitAppliedOn: string | null;
          permitDecision: string | null;
          /** date, YYYY-MM-DD */
          permitDecidedOn: string | null;
          clock?: {
            status: string;
            daysLeft: number | null;
          };
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/care/registrations': {
    get: {
      responses: {
        '200': {
          id: string;
          reportingOrgType?: string;
          /** date, YYYY-MM-DD */
          registeredOn?: string;
          sex?: string;
          age?: number;
          ageEstimated?: boolean;
          minor?: boolean;
          nationality?: string;
          forms?: string[];
          exploitedIn?: string;
          person?: string;
          sourceClientId?: string | null;
          /** ISO 8601 timestamp */
          createdAt?: string;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    post: {
      requestBody: {
        clientId?: string;
        reportingOrgType?:
          | 'care_coordination'
          | 'shelter'
          | 'police_unit'
          | 'kmar'
          | 'labour_inspectorate'
          | 'municipality'
          | 'ngo'
          | 'youth_care'
          | 'public_prosecution'
          | 'other';
        registeredOn: string;
        sex?: 'female' | 'male' | 'x';
        age?: number;
        ageEstimated?: boolean;
        nationality?: string;
        forms?: ('sexual' | 'labour' | 'criminal' | 'organ_removal' | 'other')[];
        exploitedIn?: 'netherlands' | 'abroad' | 'both';
        identity?: {
          givenNames?: string;
          prefix?: string;
          surname?: string;
          dateOfBirth?: string;
          birthYear?: number;
        };
      };
      responses: {
        '201': {
          id: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/care/registrations/figures': {
    get: {
      responses: {
        '200': {
          year: number;
          registrations: number | null;
          cells: {
            dimensions: {
              [key: string]: string;
            };
            value: number | null;
            suppressed: boolean;
          }[];
          totals: {
            dimensions: {
              [key: string]: string;
            };
            value: number | null;
            suppressed: boolean;
          }[];
          rule: {
            threshold: number;
            method: string;
            description: {
              nl: string;
              en: string;
            };
          };
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/care/trajectories/{id}/close': {
    post: {
      requestBody: {
        outcome: 'independent_living' | 'return_iom' | 'other';
        closedOn: string;
      };
      responses: {
        '200': {
          id: string;
          state: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/care/trajectory-phases/{id}/steps': {
    post: {
      requestBody:
        | {
            action: 'start';
            startedOn: string;
          }
        | {
            action: 'complete';
            endedOn: string;
          }
        | {
            action: 'propose_handover';
            fields: (
              | 'identity'
              | 'date_of_birth'
              | 'languages'
              | 'needs'
              | 'safety'
              | 'contact_channel'
              | 'forms'
              | 'immigration_status'
            )[];
          };
      responses: {
        '200': {
          id: string;
          state: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/case-documents/{id}/content': {
    get: {
      responses: {
        '200': string | Blob;
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/case-notifications': {
    get: {
      responses: {
        '200': {
          unread: number;
          items: {
            id: string;
            kind: string;
            link: string;
            createdAt: string;
            readAt: string | null;
          }[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/case-notifications/{id}/read': {
    post: {
      responses: {
        '200': {
          id: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/case-referrals': {
    get: {
      responses: {
        '200': {
          counts: {
            pending: number;
            accepted: number;
            overdue: number;
            lapsing: number;
          };
          items: {
            [key: string]: unknown;
          }[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/case-referrals/{id}/shared': {
    get: {
      responses: {
        '200': {
          referral: {
            [key: string]: unknown;
          };
          case: {
            [key: string]: unknown;
          } | null;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/case-referrals/{id}/transitions': {
    post: {
      requestBody:
        | {
            action: 'accept';
          }
        | {
            action: 'decline';
            reason: string;
          }
        | {
            action: 'complete';
            reason?: string;
          }
        | {
            action: 'revoke';
            reason?: string;
          };
      responses: {
        '200': {
          id: string;
          state: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/case-search': {
    get: {
      responses: {
        '200': {
          total: number;
          items: {
            [key: string]: unknown;
          }[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/case-tasks': {
    get: {
      responses: {
        '200': {
          [key: string]: unknown;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/case-tasks/{id}': {
    patch: {
      requestBody: {
        state: 'open' | 'done' | 'cancelled';
      };
      responses: {
        '200': {
          id: string;
          state: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/cases': {
    get: {
      responses: {
        '200': {
          total: number;
          items: {
            [key: string]: unknown;
          }[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    post: {
      requestBody: {
        title: string;
        summary?: string;
        approaches: ('criminal' | 'administrative' | 'care')[];
        forms?: ('sexual' | 'labour' | 'criminal' | 'organ_removal' | 'other' | 'unknown')[];
        signalIds?: string[];
        ownerUserId?: string;
        persons?: {
          role: 'possible_victim' | 'suspect' | 'witness' | 'facilitator' | 'other';
          givenNames?: string;
          prefix?: string;
          surname?: string;
          alias?: string;
          dateOfBirth?: string;
          gender?: string;
          nationality?: string;
          phones?: string[];
          emails?: string[];
          minor?: boolean;
          careNeeds?: string;
          remark?: string;
        }[];
        companies?: {
          name: string;
          kvk?: string;
          premises?: string;
          remark?: string;
        }[];
        addresses?: {
          kind: 'premises' | 'residence' | 'workplace' | 'other';
          street?: string;
          postcode?: string;
          city?: string;
        }[];
        identifiers?: {
          kind: 'phone' | 'email' | 'url' | 'handle' | 'plate' | 'kvk' | 'iban' | 'other';
          value: string;
        }[];
      };
      responses: {
        '201': {
          id: string;
          reference: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/cases/{id}': {
    get: {
      responses: {
        '200': {
          [key: string]: unknown;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/cases/{id}/addresses': {
    post: {
      requestBody: {
        kind: 'premises' | 'residence' | 'workplace' | 'other';
        street?: string;
        postcode?: string;
        city?: string;
      };
      responses: {
        '201': {
          id: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/cases/{id}/companies': {
    post: {
      requestBody: {
        name: string;
        kvk?: string;
        premises?: string;
        remark?: string;
      };
      responses: {
        '201': {
          id: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/cases/{id}/documents': {
    get: {
      responses: {
        '200': {
          [key: string]: unknown;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    post: {
      responses: {
        '201': {
          id: string;
          documentId: string;
          version: number;
          name: string;
          mediaType: string;
          sizeBytes: number;
          sha256: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/cases/{id}/events': {
    post: {
      requestBody: {
        kind: 'recruitment' | 'transport' | 'exploitation' | 'exit' | 'other';
        date?: string;
        place?: string;
        description?: string;
      };
      responses: {
        '201': {
          id: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/cases/{id}/identifiers': {
    post: {
      requestBody: {
        kind: 'phone' | 'email' | 'url' | 'handle' | 'plate' | 'kvk' | 'iban' | 'other';
        value: string;
      };
      responses: {
        '201': {
          id: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/cases/{id}/persons': {
    post: {
      requestBody: {
        role: 'possible_victim' | 'suspect' | 'witness' | 'facilitator' | 'other';
        givenNames?: string;
        prefix?: string;
        surname?: string;
        alias?: string;
        dateOfBirth?: string;
        gender?: string;
        nationality?: string;
        phones?: string[];
        emails?: string[];
        minor?: boolean;
        careNeeds?: string;
        remark?: string;
      };
      responses: {
        '201': {
          id: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/cases/{id}/referrals': {
    post: {
      requestBody: {
        toOrgId: string;
        profile: 'care' | 'administrative' | 'criminal';
        purpose:
          | 'criminal_investigation'
          | 'administrative_enforcement'
          | 'care_coordination'
          | 'case_consultation';
        legalBasis: 'consent' | 'legal_obligation' | 'public_task' | 'vital_interest';
        legalBasisNote?: string;
        consent?: {
          givenBy: 'data_subject' | 'legal_representative';
          name: string;
          givenOn: string;
          scope: string;
          recordedHow: 'written' | 'digital' | 'verbal_noted';
        };
        endsOn: string;
        note?: string;
      };
      responses: {
        '201': {
          id: string;
          state: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/cases/{id}/signals': {
    post: {
      requestBody: {
        signalIds: string[];
      };
      responses: {
        '200': {
          added: number;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/cases/{id}/tasks': {
    post: {
      requestBody: {
        title: string;
        ownerOrgId?: string;
        ownerUserId?: string;
        dueOn?: string;
      };
      responses: {
        '201': {
          id: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/cases/{id}/transitions': {
    post: {
      requestBody:
        | {
            action: 'hold';
            reason?: string;
          }
        | {
            action: 'resume';
            reason?: string;
          }
        | {
            action: 'close';
            outcome:
              | 'referred_to_prosecution'
              | 'administrative_measure'
              | 'care_only'
              | 'no_trafficking'
              | 'transferred'
              | 'other';
            reason?: string;
          };
      responses: {
        '200': {
          id: string;
          state: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/consultation-items/{id}/actions': {
    post: {
      requestBody: {
        title: string;
        ownerOrgId: string;
        dueOn: string;
      };
      responses: {
        '201': {
          id: string;
          taskId: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/consultation-items/{id}/notes': {
    post: {
      requestBody: {
        kind: 'contribution' | 'decision';
        text: string;
      };
      responses: {
        '201': {
          id: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/consultations': {
    get: {
      responses: {
        '200': {
          [key: string]: unknown;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    post: {
      requestBody: {
        title: string;
        startsAt: string;
        endsAt: string;
        location?: string;
        orgIds: string[];
        caseIds?: string[];
      };
      responses: {
        '201': {
          id: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/consultations/{id}': {
    get: {
      responses: {
        '200': {
          [key: string]: unknown;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/consultations/{id}/held': {
    post: {
      responses: {
        '200': {
          id: string;
          state: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/consultations/{id}/invitation.ics': {
    get: {
      responses: {
        '200': string | Blob;
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/consultations/{id}/items': {
    post: {
      requestBody: {
        caseId: string;
      };
      responses: {
        '201': {
          id: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/consultations/{id}/minutes.pdf': {
    get: {
      responses: {
        '200': string | Blob;
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/consultations/{id}/people': {
    post: {
      requestBody: {
        userId: string;
      };
      responses: {
        '200': {
          added: number;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/crawler/adapters': {
    get: {
      responses: {
        '200': {
          id: string;
          config?: {
            [key: string]: unknown;
          };
          /** ISO 8601 timestamp */
          createdAt?: string;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    post: {
      requestBody: {
        config: {
          [key: string]: unknown;
        };
      };
      responses: {
        '201': {
          [key: string]: unknown;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/crawler/crawls': {
    post: {
      requestBody: {
        investigationId: string;
        site: string;
        maxPages?: number;
      };
      responses: {
        '202': {
          id: string;
          investigationId?: string;
          adapterId?: string;
          maxPages?: number | null;
          status?: string;
          pagesFetched?: number;
          /** ISO 8601 timestamp */
          createdAt?: string;
          /** ISO 8601 timestamp */
          finishedAt?: string | null;
          progress?: {
            queued: number;
            pending: number;
            pagesFetched: number;
            adsFound: number;
            adVersions: number;
            errors: number;
          };
          errors?: {
            url: string;
            kind: string;
            detail: string | null;
            /** ISO 8601 timestamp */
            at: string;
          }[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/crawler/crawls/{id}': {
    get: {
      responses: {
        '200': {
          id: string;
          investigationId?: string;
          adapterId?: string;
          maxPages?: number | null;
          status?: string;
          pagesFetched?: number;
          /** ISO 8601 timestamp */
          createdAt?: string;
          /** ISO 8601 timestamp */
          finishedAt?: string | null;
          progress?: {
            queued: number;
            pending: number;
            pagesFetched: number;
            adsFound: number;
            adVersions: number;
            errors: number;
          };
          errors?: {
            url: string;
            kind: string;
            detail: string | null;
            /** ISO 8601 timestamp */
            at: string;
          }[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/crawler/investigations': {
    get: {
      responses: {
        '200': {
          id: string;
          caseRef?: string;
          purpose?: string;
          legalBasis?: string;
          /** date, YYYY-MM-DD */
          endsOn?: string;
          sites?: string[];
          terms?: string[];
          retentionMonths?: number;
          status?: 'open' | 'closed';
          /** ISO 8601 timestamp */
          closedAt?: string | null;
          /** ISO 8601 timestamp */
          createdAt?: string;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    post: {
      requestBody: {
        caseRef: string;
        legalBasis: string;
        endsOn: string;
        sites: string[];
        terms?: string[];
        retentionMonths?: number;
      };
      responses: {
        '201': {
          id: string;
          caseRef?: string;
          purpose?: string;
          legalBasis?: string;
          /** date, YYYY-MM-DD */
          endsOn?: string;
          sites?: string[];
          terms?: string[];
          retentionMonths?: number;
          status?: 'open' | 'closed';
          /** ISO 8601 timestamp */
          closedAt?: string | null;
          /** ISO 8601 timestamp */
          createdAt?: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/crawler/investigations/{id}/ads': {
    get: {
      responses: {
        '200': {
          id: string;
          url?: string;
          title?: string | null;
          text?: string;
          city?: string | null;
          postedAt?: string | null;
          phones?: string[];
          emails?: string[];
          handles?: string[];
          price?: number | null;
          statedAge?: number | null;
          images?: string[];
          assessment?: {
            score: number;
            indicators: {
              id: string;
              version: number;
              weight: number;
              scored: boolean;
              label: {
                nl: string;
                en: string;
              };
              evidence: string;
              notScoredBecause?: {
                nl: string;
                en: string;
              };
            }[];
            information: {
              id: string;
              version: number;
              weight: number;
              scored: boolean;
              label: {
                nl: string;
                en: string;
              };
              evidence: string;
              notScoredBecause?: {
                nl: string;
                en: string;
              };
            }[];
          };
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/crawler/investigations/{id}/close': {
    post: {
      responses: {
        '200': {
          id: string;
          caseRef?: string;
          purpose?: string;
          legalBasis?: string;
          /** date, YYYY-MM-DD */
          endsOn?: string;
          sites?: string[];
          terms?: string[];
          retentionMonths?: number;
          status?: 'open' | 'closed';
          /** ISO 8601 timestamp */
          closedAt?: string | null;
          /** ISO 8601 timestamp */
          createdAt?: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/crawler/investigations/{id}/cluster-signals': {
    post: {
      requestBody: {
        clusterId: string;
      };
      responses: {
        '200': {
          signal: {
            id: string;
            state: string;
            /** ISO 8601 timestamp */
            receivedAt: string;
            created: boolean;
          };
          cluster: string;
          ads: number;
          omitted: {
            phones: number;
            emails: number;
            handles: number;
            urls: number;
          };
        };
        '201': {
          signal: {
            id: string;
            state: string;
            /** ISO 8601 timestamp */
            receivedAt: string;
            created: boolean;
          };
          cluster: string;
          ads: number;
          omitted: {
            phones: number;
            emails: number;
            handles: number;
            urls: number;
          };
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/crawler/investigations/{id}/clusters': {
    get: {
      responses: {
        '200': {
          clusters: {
            id: string;
            ads: string[];
            evidence: {
              a: string;
              b: string;
              kind: 'phone' | 'email' | 'handle' | 'text' | 'image';
              detail: string;
              score: number;
            }[];
            timeline: {
              ad: string;
              postedAt: string | null;
              city: string | null;
            }[];
            cities: {
              city: string;
              ads: number;
            }[];
          }[];
          guarded: {
            kind: 'phone' | 'email' | 'handle' | 'image';
            value: string;
            ads: number;
            groups: number;
            cause: string;
            examples: string[];
            reason: {
              nl: string;
              en: string;
            };
          }[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/crawler/investigations/{id}/identifier-decisions': {
    delete: {
      responses: {
        '204': null;
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    get: {
      responses: {
        '200': {
          investigationId?: string;
          kind?: 'phone' | 'email' | 'handle' | 'image';
          value?: string;
          decision?: 'shared' | 'not_shared';
          reason?: string;
          decidedBy?: string | null;
          /** ISO 8601 timestamp */
          decidedAt?: string;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    put: {
      requestBody: {
        kind: 'phone' | 'email' | 'handle' | 'image';
        value: string;
        decision: 'shared' | 'not_shared';
        reason: string;
      };
      responses: {
        '200': {
          investigationId?: string;
          kind?: 'phone' | 'email' | 'handle' | 'image';
          value?: string;
          decision?: 'shared' | 'not_shared';
          reason?: string;
          decidedBy?: string | null;
          /** ISO 8601 timestamp */
          decidedAt?: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/estimates/': {
    get: {
      responses: {
        '200': {
          id: string;
          name?: string;
          /** ISO 8601 timestamp */
          createdAt?: string;
          source?: 'table' | 'records' | 'round';
          roundId?: string | null;
          rerunOf?: string | null;
          status?: 'queued' | 'running' | 'done' | 'failed';
          settings?: {
            [key: string]: unknown;
          };
          progressDone?: number;
          progressTotal?: number;
          error?: string | null;
          /** ISO 8601 timestamp */
          finishedAt?: string | null;
          /** the headline estimate, when the result may be shown */
          estimate?: unknown;
          lists?: string[] | null;
          strata?: string[] | null;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    post: {
      requestBody: {
        name?: string;
        input:
          | {
              format: 'table-csv';
              text: string;
              strata?: string[];
            }
          | {
              format: 'table-json';
              lists: string[];
              rows: {
                pattern: string;
                count: number;
                stratum?: {
                  [key: string]: string;
                };
              }[];
              strata?: string[];
            }
          | {
              format: 'records-csv';
              text: string;
              lists: string[];
              strata?: string[];
            }
          | {
              format: 'round';
              roundId: string;
            };
        settings?: {
          model?: string;
          select?: 'stepwise-aic' | 'stepwise-csv' | 'bic';
          maxOrder?: number;
          pthresh?: number;
          ci?: 'wald' | 'profile' | 'bootstrap' | 'none';
          level?: number;
          bootstrap?: number;
          seed?: number;
          average?: boolean;
          method?: 'loglinear' | 'dga' | 'lcm' | 'all';
          delta?: number;
          nPrior?: 'reciprocal' | 'uniform';
          K?: number;
          burnin?: number;
          samples?: number;
          thin?: number;
          chains?: number;
        };
      };
      responses: {
        '201': {
          id: string;
          name?: string;
          /** ISO 8601 timestamp */
          createdAt?: string;
          createdBy?: string | null;
          source?: 'table' | 'records' | 'round';
          roundId?: string | null;
          rerunOf?: string | null;
          /** the stored capture table: lists, strata, rows */
          input?: {
            [key: string]: unknown;
          };
          settings?: {
            [key: string]: unknown;
          };
          status?: 'queued' | 'running' | 'done' | 'failed';
          progressDone?: number;
          progressTotal?: number;
          /** the estimate document (src/estimate/app/run.ts) */
          result?: {
            [key: string]: unknown;
          } | null;
          error?: string | null;
          /** ISO 8601 timestamp */
          finishedAt?: string | null;
          /** a re-run: whether the numbers are the same as the original */
          reproduces?: boolean;
        };
        '202': {
          id: string;
          name?: string;
          /** ISO 8601 timestamp */
          createdAt?: string;
          createdBy?: string | null;
          source?: 'table' | 'records' | 'round';
          roundId?: string | null;
          rerunOf?: string | null;
          /** the stored capture table: lists, strata, rows */
          input?: {
            [key: string]: unknown;
          };
          settings?: {
            [key: string]: unknown;
          };
          status?: 'queued' | 'running' | 'done' | 'failed';
          progressDone?: number;
          progressTotal?: number;
          /** the estimate document (src/estimate/app/run.ts) */
          result?: {
            [key: string]: unknown;
          } | null;
          error?: string | null;
          /** ISO 8601 timestamp */
          finishedAt?: string | null;
          /** a re-run: whether the numbers are the same as the original */
          reproduces?: boolean;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/estimates/from-registrations': {
    post: {
      requestBody: {
        name?: string;
        listsBy?: 'organisation' | 'organisation_type';
        strata?: ('year' | 'form' | 'gender' | 'age_group')[];
        years?: {
          from: number;
          to: number;
        };
        preview?: boolean;
        settings?: {
          model?: string;
          select?: 'stepwise-aic' | 'stepwise-csv' | 'bic';
          maxOrder?: number;
          pthresh?: number;
          ci?: 'wald' | 'profile' | 'bootstrap' | 'none';
          level?: number;
          bootstrap?: number;
          seed?: number;
          average?: boolean;
          method?: 'loglinear' | 'dga' | 'lcm' | 'all';
          delta?: number;
          nPrior?: 'reciprocal' | 'uniform';
          K?: number;
          burnin?: number;
          samples?: number;
          thin?: number;
          chains?: number;
        };
      };
      responses: {
        '200': {
          table: {
            lists: {
              name: string;
              label: string;
              organisations: number;
            }[];
            strata: string[];
            rows: {
              pattern: string;
              count: number;
              stratum?: {
                [key: string]: string;
              };
            }[];
            registrations: number;
            persons: number;
            overlapping: number;
            warnings: {
              nl: string;
              en: string;
            }[];
          };
        };
        '201': {
          estimate: {
            id: string;
            name?: string;
            /** ISO 8601 timestamp */
            createdAt?: string;
            createdBy?: string | null;
            source?: 'table' | 'records' | 'round';
            roundId?: string | null;
            rerunOf?: string | null;
            /** the stored capture table: lists, strata, rows */
            input?: {
              [key: string]: unknown;
            };
            settings?: {
              [key: string]: unknown;
            };
            status?: 'queued' | 'running' | 'done' | 'failed';
            progressDone?: number;
            progressTotal?: number;
            /** the estimate document (src/estimate/app/run.ts) */
            result?: {
              [key: string]: unknown;
            } | null;
            error?: string | null;
            /** ISO 8601 timestamp */
            finishedAt?: string | null;
            /** a re-run: whether the numbers are the same as the original */
            reproduces?: boolean;
          };
          table: {
            lists: {
              name: string;
              label: string;
              organisations: number;
            }[];
            strata: string[];
            rows: {
              pattern: string;
              count: number;
              stratum?: {
                [key: string]: string;
              };
            }[];
            registrations: number;
            persons: number;
            overlapping: number;
            warnings: {
              nl: string;
              en: string;
            }[];
          };
        };
        '202': {
          estimate: {
            id: string;
            name?: string;
            /** ISO 8601 timestamp */
            createdAt?: string;
            createdBy?: string | null;
            source?: 'table' | 'records' | 'round';
            roundId?: string | null;
            rerunOf?: string | null;
            /** the stored capture table: lists, strata, rows */
            input?: {
              [key: string]: unknown;
            };
            settings?: {
              [key: string]: unknown;
            };
            status?: 'queued' | 'running' | 'done' | 'failed';
            progressDone?: number;
            progressTotal?: number;
            /** the estimate document (src/estimate/app/run.ts) */
            result?: {
              [key: string]: unknown;
            } | null;
            error?: string | null;
            /** ISO 8601 timestamp */
            finishedAt?: string | null;
            /** a re-run: whether the numbers are the same as the original */
            reproduces?: boolean;
          };
          table: {
            lists: {
              name: string;
              label: string;
              organisations: number;
            }[];
            strata: string[];
            rows: {
              pattern: string;
              count: number;
              stratum?: {
                [key: string]: string;
              };
            }[];
            registrations: number;
            persons: number;
            overlapping: number;
            warnings: {
              nl: string;
              en: string;
            }[];
          };
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/estimates/list': {
    get: {
      responses: {
        '200': {
          items: {
            id: string;
            name?: string;
            /** ISO 8601 timestamp */
            createdAt?: string;
            source?: 'table' | 'records' | 'round';
            roundId?: string | null;
            rerunOf?: string | null;
            status?: 'queued' | 'running' | 'done' | 'failed';
            settings?: {
              [key: string]: unknown;
            };
            progressDone?: number;
            progressTotal?: number;
            error?: string | null;
            /** ISO 8601 timestamp */
            finishedAt?: string | null;
            /** the headline estimate, when the result may be shown */
            estimate?: unknown;
            lists?: string[] | null;
            strata?: string[] | null;
          }[];
          /** how many rows match the search and filters, over all pages */
          total: number;
          page: number;
          pageSize: number;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/estimates/{id}': {
    get: {
      responses: {
        '200': {
          id: string;
          name?: string;
          /** ISO 8601 timestamp */
          createdAt?: string;
          createdBy?: string | null;
          source?: 'table' | 'records' | 'round';
          roundId?: string | null;
          rerunOf?: string | null;
          /** the stored capture table: lists, strata, rows */
          input?: {
            [key: string]: unknown;
          };
          settings?: {
            [key: string]: unknown;
          };
          status?: 'queued' | 'running' | 'done' | 'failed';
          progressDone?: number;
          progressTotal?: number;
          /** the estimate document (src/estimate/app/run.ts) */
          result?: {
            [key: string]: unknown;
          } | null;
          error?: string | null;
          /** ISO 8601 timestamp */
          finishedAt?: string | null;
          /** a re-run: whether the numbers are the same as the original */
          reproduces?: boolean;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/estimates/{id}/chart.svg': {
    get: {
      responses: {
        '200': string | Blob;
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/estimates/{id}/export.csv': {
    get: {
      responses: {
        '200': string | Blob;
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/estimates/{id}/export.json': {
    get: {
      responses: {
        '200': string | Blob;
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/estimates/{id}/rerun': {
    post: {
      responses: {
        '201': {
          id: string;
          name?: string;
          /** ISO 8601 timestamp */
          createdAt?: string;
          createdBy?: string | null;
          source?: 'table' | 'records' | 'round';
          roundId?: string | null;
          rerunOf?: string | null;
          /** the stored capture table: lists, strata, rows */
          input?: {
            [key: string]: unknown;
          };
          settings?: {
            [key: string]: unknown;
          };
          status?: 'queued' | 'running' | 'done' | 'failed';
          progressDone?: number;
          progressTotal?: number;
          /** the estimate document (src/estimate/app/run.ts) */
          result?: {
            [key: string]: unknown;
          } | null;
          error?: string | null;
          /** ISO 8601 timestamp */
          finishedAt?: string | null;
          /** a re-run: whether the numbers are the same as the original */
          reproduces?: boolean;
        };
        '202': {
          id: string;
          name?: string;
          /** ISO 8601 timestamp */
          createdAt?: string;
          createdBy?: string | null;
          source?: 'table' | 'records' | 'round';
          roundId?: string | null;
          rerunOf?: string | null;
          /** the stored capture table: lists, strata, rows */
          input?: {
            [key: string]: unknown;
          };
          settings?: {
            [key: string]: unknown;
          };
          status?: 'queued' | 'running' | 'done' | 'failed';
          progressDone?: number;
          progressTotal?: number;
          /** the estimate document (src/estimate/app/run.ts) */
          result?: {
            [key: string]: unknown;
          } | null;
          error?: string | null;
          /** ISO 8601 timestamp */
          finishedAt?: string | null;
          /** a re-run: whether the numbers are the same as the original */
          reproduces?: boolean;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/estimation-rounds/': {
    get: {
      responses: {
        '200': {
          id: string;
          name?: string;
          /** ISO 8601 timestamp */
          createdAt?: string;
          status?: string;
          strata?: string[];
          organisation?: string;
          owner?: boolean;
          lists?: {
            expected: number;
            uploaded: number;
          };
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    post: {
      requestBody: {
        name: string;
        lists: {
          name: string;
          organisationId: string;
        }[];
        threshold?: number;
        strata?: string[];
      };
      responses: {
        '201': {
          id: string;
          name?: string;
          organisation?: string;
          owner?: boolean;
          /** ISO 8601 timestamp */
          createdAt?: string;
          threshold?: number | null;
          strata?: string[];
          status?: string;
          lists?: {
            list: string;
            organisation: {
              id: string;
              name: string;
            };
            mine: boolean;
            uploaded: boolean;
            /** ISO 8601 timestamp */
            uploadedAt: string | null;
            records?: number | null;
          }[];
          /** only for the organisation that opened the round */
          captureTable?: {
            [key: string]: unknown;
          } | null;
          clusters?: number | null;
          error?: string | null;
          /** ISO 8601 timestamp */
          linkedAt?: string | null;
          estimateId?: string | null;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/estimation-rounds/{id}': {
    get: {
      responses: {
        '200': {
          id: string;
          name?: string;
          organisation?: string;
          owner?: boolean;
          /** ISO 8601 timestamp */
          createdAt?: string;
          threshold?: number | null;
          strata?: string[];
          status?: string;
          lists?: {
            list: string;
            organisation: {
              id: string;
              name: string;
            };
            mine: boolean;
            uploaded: boolean;
            /** ISO 8601 timestamp */
            uploadedAt: string | null;
            records?: number | null;
          }[];
          /** only for the organisation that opened the round */
          captureTable?: {
            [key: string]: unknown;
          } | null;
          clusters?: number | null;
          error?: string | null;
          /** ISO 8601 timestamp */
          linkedAt?: string | null;
          estimateId?: string | null;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/estimation-rounds/{id}/link': {
    post: {
      responses: {
        '202': {
          queued: true;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/estimation-rounds/{id}/lists/{list}': {
    put: {
      requestBody: string;
      responses: {
        '201': {
          list: string;
          records: number;
          complete: boolean;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/feeds/fiu/accounts/{iban}': {
    get: {
      responses: {
        '200': {
          iban: string;
          signals: {
            signalId: string;
            batch: string;
            reasons: {
              rule: string;
              indicator: string;
              label: {
                nl: string;
                en: string;
              };
            }[];
          }[];
          holders: {
            name: string;
            birthDate: string | null;
            kvk: string | null;
          }[];
          transactions: number;
          incoming: number;
          outgoing: number;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/feeds/fiu/batches': {
    get: {
      responses: {
        '200': {
          id: string;
          reference: string;
          source: string;
          rowCount: number;
          rulesVersion: number;
          uploadedAt: string;
          signalCount?: number;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    post: {
      responses: {
        '201': {
          batch: {
            id: string;
            reference: string;
            source: string;
            rowCount: number;
            rulesVersion: number;
            uploadedAt: string;
            signalCount?: number;
          };
          signals: {
            signalId: string;
            account: string;
            holder: string;
            reasons: {
              rule: string;
              indicator: string;
              label: {
                nl: string;
                en: string;
              };
            }[];
          }[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/feeds/fiu/flows': {
    get: {
      responses: {
        '200': {
          accounts: string[];
          nodes: {
            id: string;
            name: string;
            iban: string | null;
            focus: boolean;
          }[];
          edges: {
            from: string;
            to: string;
            currency: string;
            total: number;
            count: number;
            first: string;
            last: string;
          }[];
          transactions: {
            id: string;
            reference: string;
            bookedOn: string;
            kind: string;
            amount: number;
            currency: string;
            description: string | null;
            place: string | null;
            from: string;
            to: string;
          }[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/feeds/fiu/flows.csv': {
    get: {
      responses: {
        '200': string | Blob;
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/feeds/referent-reports': {
    post: {
      requestBody: {
        referentName: string;
        referentKvk?: string;
        postcode?: string;
        houseNumber?: string;
        city?: string;
        account: string;
        applicationRefs?: string[];
      };
      responses: {
        '201': {
          id: string;
          state: string;
          receivedAt: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/feeds/screenings': {
    get: {
      responses: {
        '200': {
          id: string;
          screenedAt: string;
          applicationRef: string;
          referentName: string;
          referentKvk: string | null;
          verdict: string;
          score: number | null;
          reasons: string[];
          reference: string | null;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    post: {
      requestBody: {
        applications: {
          id: string;
          referentName: string;
          referentKvk?: string;
          street?: string;
          houseNumber?: string;
          postcode?: string;
          city?: string;
          contactPerson?: string;
        }[];
      };
      responses: {
        '200': {
          results: {
            applicationRef: string;
            verdict: 'hit' | 'possible' | 'none';
            score: number | null;
            reasons: string[];
            contact: {
              organisation: string;
              contactPoint: string;
              reference: string;
            } | null;
          }[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/feeds/screenings/batch': {
    post: {
      responses: {
        '200': {
          results: {
            applicationRef: string;
            verdict: 'hit' | 'possible' | 'none';
            score: number | null;
            reasons: string[];
            contact: {
              organisation: string;
              contactPoint: string;
              reference: string;
            } | null;
          }[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/feeds/wav/versions': {
    get: {
      responses: {
        '200': {
          id: string;
          version: number;
          source: string;
          rowCount: number;
          retentionMonths: number;
          contactPoint: string;
          publishedBy: string;
          publishedAt: string;
          expired?: number;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    post: {
      requestBody: {
        rows: {
          id?: string;
          kvk?: string;
          name?: string;
          tradeNames?: string[];
          street?: string;
          houseNumber?: string;
          postcode?: string;
          city?: string;
          finedOn?: string;
          irrevocableOn?: string;
          article?: string;
        }[];
        contactPoint: string;
        retentionMonths?: number;
      };
      responses: {
        '201': {
          id: string;
          version: number;
          source: string;
          rowCount: number;
          retentionMonths: number;
          contactPoint: string;
          publishedBy: string;
          publishedAt: string;
          expired?: number;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/feeds/wav/versions/upload': {
    post: {
      responses: {
        '201': {
          id: string;
          version: number;
          source: string;
          rowCount: number;
          retentionMonths: number;
          contactPoint: string;
          publishedBy: string;
          publishedAt: string;
          expired?: number;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/feeds/wav/versions/{id}/entries': {
    get: {
      responses: {
        '200': {
          id: string;
          reference: string;
          kvk: string | null;
          name: string;
          tradeNames: string[];
          street: string | null;
          houseNumber: string | null;
          postcode: string | null;
          city: string | null;
          finedOn: string;
          irrevocableOn: string;
          article: string | null;
          expiresOn: string;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/monitor/action-lines': {
    get: {
      responses: {
        '200': {
          actionLines: {
            line: number;
            name: {
              nl: string;
              en: string;
            };
          }[];
          handvatten: {
            item: string;
            label: {
              nl: string;
              en: string;
            };
          }[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/monitor/indicators': {
    get: {
      responses: {
        '200': {
          id: string;
          actionLine: number;
          name: {
            nl: string;
            en: string;
          };
          definition: {
            [key: string]: unknown;
          };
          unit: string;
          period: string;
          baseline: number | null;
          target: number | null;
          breakdowns: string[];
          source: string;
          sourceLabel: {
            nl: string;
            en: string;
          };
          builtIn: boolean;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    post: {
      requestBody: {
        id: string;
        actionLine: number;
        name: {
          nl: string;
          en: string;
        };
        definition: {
          [key: string]: unknown;
        };
        unit: string;
        period: string;
        baseline?: number | null;
        target?: number | null;
        breakdowns?: string[];
        source: 'computed' | 'partner';
      };
      responses: {
        '201': {
          id: string;
          actionLine: number;
          name: {
            nl: string;
            en: string;
          };
          definition: {
            [key: string]: unknown;
          };
          unit: string;
          period: string;
          baseline: number | null;
          target: number | null;
          breakdowns: string[];
          source: string;
          sourceLabel: {
            nl: string;
            en: string;
          };
          builtIn: boolean;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/monitor/indicators/{id}/export.csv': {
    get: {
      responses: {
        '200': string | Blob;
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/monitor/indicators/{id}/export.xlsx': {
    get: {
      responses: {
        '200': string | Blob;
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/monitor/indicators/{id}/figures': {
    get: {
      responses: {
        '200': {
          id: string;
          indicatorId: string;
          period: string;
          value: number | null;
          suppressed: boolean;
          orgId: string;
          orgName: string;
          submittedBy: string;
          submittedAt: string;
          supersedes: string | null;
          supersededBy: string | null;
          note: string | null;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    post: {
      requestBody: {
        period: string;
        value: number;
        supersedes?: string | null;
        note?: string | null;
      };
      responses: {
        '201': {
          id: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/monitor/indicators/{id}/table': {
    get: {
      responses: {
        '200': {
          indicatorId: string;
          year: number;
          scope: string;
          breakdown: string | null;
          available: boolean;
          note: {
            nl: string;
            en: string;
          } | null;
          cells: {
            dimensions: {
              [key: string]: string;
            };
            value: number | null;
            suppressed: boolean;
          }[];
          totals: {
            dimensions: {
              [key: string]: string;
            };
            value: number | null;
            suppressed: boolean;
          }[];
          counts: {
            cells: {
              dimensions: {
                [key: string]: string;
              };
              value: number | null;
              suppressed: boolean;
            }[];
            totals: {
              dimensions: {
                [key: string]: string;
              };
              value: number | null;
              suppressed: boolean;
            }[];
          } | null;
          interval: {
            lower: number | null;
            upper: number | null;
            level: number | null;
          } | null;
          rule: {
            threshold: number;
            method: string;
            description: {
              nl: string;
              en: string;
            };
          };
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/monitor/map': {
    get: {
      responses: {
        '200': {
          indicatorId: string;
          year: number;
          scope: string;
          level: 'municipality' | 'province' | 'safety_region' | 'police_unit';
          dimension: string;
          cells: {
            dimensions: {
              [key: string]: string;
            };
            value: number | null;
            suppressed: boolean;
          }[];
          totals: {
            dimensions: {
              [key: string]: string;
            };
            value: number | null;
            suppressed: boolean;
          }[];
          rule: {
            threshold: number;
            method: string;
            description: {
              nl: string;
              en: string;
            };
          };
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/monitor/municipalities/{code}/assessment': {
    get: {
      responses: {
        '200': {
          id: string;
          municipality: string;
          municipalityName: string;
          version: number;
          answers: {
            [key: string]: 'yes' | 'partly' | 'no' | 'unknown';
          };
          evidence: {
            item: string;
            url: string;
            title: string;
          }[];
          submittedAt: string;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    post: {
      requestBody: {
        answers: {
          [key: string]: string;
        };
        evidence?: {
          item: string;
          url: string;
          title: string;
        }[];
      };
      responses: {
        '201': {
          id: string;
          municipality: string;
          municipalityName: string;
          version: number;
          answers: {
            [key: string]: 'yes' | 'partly' | 'no' | 'unknown';
          };
          evidence: {
            item: string;
            url: string;
            title: string;
          }[];
          submittedAt: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/monitor/municipalities/{code}/figures': {
    get: {
      responses: {
        '200': {
          municipality: string;
          name: string;
          safetyRegion: string;
          province: string | null;
          year: number;
          scope: string;
          cells: {
            dimensions: {
              [key: string]: string;
            };
            value: number | null;
            suppressed: boolean;
          }[];
          trend: {
            cells: {
              dimensions: {
                [key: string]: string;
              };
              value: number | null;
              suppressed: boolean;
            }[];
            totals: {
              dimensions: {
                [key: string]: string;
              };
              value: number | null;
              suppressed: boolean;
            }[];
          } | null;
          policy: {
            status: string;
            version: number | null;
          };
          estimate: {
            value: number | null;
            lower: number | null;
            upper: number | null;
            note: {
              nl: string;
              en: string;
            };
          } | null;
          pending: {
            nl: string;
            en: string;
          }[];
          rule: {
            threshold: number;
            method: string;
            description: {
              nl: string;
              en: string;
            };
          };
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/monitor/open-data.csv': {
    get: {
      responses: {
        '200': string | Blob;
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/monitor/open-data.json': {
    get: {
      responses: {
        '200': string | Blob;
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/monitor/open-data.xlsx': {
    get: {
      responses: {
        '200': string | Blob;
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/monitor/periods': {
    post: {
      requestBody: {
        period: string;
      };
      responses: {
        '201': {
          period: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/monitor/policy-status': {
    get: {
      responses: {
        '200': {
          baseline: {
            participated: number;
            municipalities: number;
          };
          municipalities: number;
          target: {
            nl: string;
            en: string;
          };
          cells: {
            dimensions: {
              [key: string]: string;
            };
            value: number | null;
            suppressed: boolean;
          }[];
          totals: {
            dimensions: {
              [key: string]: string;
            };
            value: number | null;
            suppressed: boolean;
          }[];
          byMunicipality: {
            municipality: string;
            name: string;
            safetyRegion: string;
            status: string;
            version: number | null;
          }[];
          rule: {
            threshold: number;
            method: string;
            description: {
              nl: string;
              en: string;
            };
          };
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/monitor/programme': {
    get: {
      responses: {
        '200': {
          statuses: string[];
          kinds: string[];
          outputUnits: string[];
          measures: {
            id: string;
            version: number;
            actionLine: number;
            title: string;
            description: string;
            owners: string[];
            status: string;
            milestones: {
              title: string;
              due: string;
              done: boolean;
            }[];
            changedBy: string;
            changedAt: string;
            activities: {
              id: string;
              version: number;
              measureId: string;
              kind: string;
              title: string;
              audience: string;
              organisation: string;
              period: string;
              outputUnit: string;
              planned: number;
              delivered: number;
              changedBy: string;
              changedAt: string;
            }[];
          }[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/monitor/programme/activities': {
    post: {
      requestBody: {
        measureId: string;
        kind: string;
        title: string;
        audience?: string;
        organisation: string;
        period: string;
        outputUnit: string;
        planned: number;
        delivered: number;
      };
      responses: {
        '201': {
          id: string;
          version: number;
          measureId: string;
          kind: string;
          title: string;
          audience: string;
          organisation: string;
          period: string;
          outputUnit: string;
          planned: number;
          delivered: number;
          changedBy: string;
          changedAt: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/monitor/programme/activities/{id}': {
    put: {
      requestBody: {
        measureId: string;
        kind: string;
        title: string;
        audience?: string;
        organisation: string;
        period: string;
        outputUnit: string;
        planned: number;
        delivered: number;
        version: number;
      };
      responses: {
        '200': {
          id: string;
          version: number;
          measureId: string;
          kind: string;
          title: string;
          audience: string;
          organisation: string;
          period: string;
          outputUnit: string;
          planned: number;
          delivered: number;
          changedBy: string;
          changedAt: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/monitor/programme/activities/{id}/history': {
    get: {
      responses: {
        '200': {
          id: string;
          version: number;
          measureId: string;
          kind: string;
          title: string;
          audience: string;
          organisation: string;
          period: string;
          outputUnit: string;
          planned: number;
          delivered: number;
          changedBy: string;
          changedAt: string;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/monitor/programme/measures': {
    post: {
      requestBody: {
        actionLine: number;
        title: string;
        description?: string;
        owners: string[];
        status: string;
        milestones?: {
          title: string;
          due: string;
          done: boolean;
        }[];
      };
      responses: {
        '201': {
          id: string;
          version: number;
          actionLine: number;
          title: string;
          description: string;
          owners: string[];
          status: string;
          milestones: {
            title: string;
            due: string;
            done: boolean;
          }[];
          changedBy: string;
          changedAt: string;
          activities: {
            id: string;
            version: number;
            measureId: string;
            kind: string;
            title: string;
            audience: string;
            organisation: string;
            period: string;
            outputUnit: string;
            planned: number;
            delivered: number;
            changedBy: string;
            changedAt: string;
          }[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/monitor/programme/measures/{id}': {
    put: {
      requestBody: {
        actionLine: number;
        title: string;
        description?: string;
        owners: string[];
        status: string;
        milestones?: {
          title: string;
          due: string;
          done: boolean;
        }[];
        version: number;
      };
      responses: {
        '200': {
          id: string;
          version: number;
          actionLine: number;
          title: string;
          description: string;
          owners: string[];
          status: string;
          milestones: {
            title: string;
            due: string;
            done: boolean;
          }[];
          changedBy: string;
          changedAt: string;
          activities: {
            id: string;
            version: number;
            measureId: string;
            kind: string;
            title: string;
            audience: string;
            organisation: string;
            period: string;
            outputUnit: string;
            planned: number;
            delivered: number;
            changedBy: string;
            changedAt: string;
          }[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/monitor/programme/measures/{id}/history': {
    get: {
      responses: {
        '200': {
          id: string;
          version: number;
          actionLine: number;
          title: string;
          description: string;
          owners: string[];
          status: string;
          milestones: {
            title: string;
            due: string;
            done: boolean;
          }[];
          changedBy: string;
          changedAt: string;
          activities: {
            id: string;
            version: number;
            measureId: string;
            kind: string;
            title: string;
            audience: string;
            organisation: string;
            period: string;
            outputUnit: string;
            planned: number;
            delivered: number;
            changedBy: string;
            changedAt: string;
          }[];
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/monitor/report.html': {
    get: {
      responses: {
        '200': string | Blob;
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/monitor/report.pdf': {
    get: {
      responses: {
        '200': string | Blob;
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/monitor/report/texts': {
    get: {
      responses: {
        '200': {
          year: number;
          actionLine: number;
          version: number;
          body: string;
          changedBy: string;
          changedAt: string;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    put: {
      requestBody: {
        year: number;
        actionLine: number;
        body: string;
        basedOn: number;
      };
      responses: {
        '200': {
          year: number;
          actionLine: number;
          version: number;
          body: string;
          changedBy: string;
          changedAt: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/monitor/scope': {
    get: {
      responses: {
        '200': {
          scope: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/organisations': {
    get: {
      responses: {
        '200': {
          id?: string;
          name?: string;
          type?: string;
          cbsCode?: string | null;
          region?: string | null;
          contactMailbox?: string | null;
          contactPhone?: string | null;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/organisations/{id}': {
    get: {
      responses: {
        '200': {
          id?: string;
          name?: string;
          type?: string;
          cbsCode?: string | null;
          region?: string | null;
          contactMailbox?: string | null;
          contactPhone?: string | null;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    patch: {
      requestBody: {
        name?: string;
        region?: string | null;
        contactMailbox?: string | null;
        contactPhone?: string | null;
      };
      responses: {
        '200': {
          id?: string;
          name?: string;
          type?: string;
          cbsCode?: string | null;
          region?: string | null;
          contactMailbox?: string | null;
          contactPhone?: string | null;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/privacy/requests': {
    get: {
      responses: {
        '200': {
          id: string;
          kind?: 'access' | 'rectification' | 'restriction' | 'erasure' | 'objection';
          reference?: string;
          /** date, YYYY-MM-DD */
          receivedOn?: string;
          /** date, YYYY-MM-DD */
          deadline?: string;
          /** date, YYYY-MM-DD */
          extendedUntil?: string | null;
          extensionReason?: string | null;
          status?: 'open' | 'extended' | 'decided';
          decision?: 'granted' | 'partially_granted' | 'refused' | null;
          decisionReason?: string | null;
          legalGround?:
            | 'avg_23_criminal_investigation'
            | 'wpg_27_investigation_interest'
            | 'avg_17_3_legal_obligation'
            | 'avg_17_3_legal_claims'
            | 'avg_12_5_manifestly_unfounded'
            | 'identity_not_established'
            | 'no_data_held'
            | null;
          personIds?: string[];
          createdBy?: string;
          /** ISO 8601 timestamp */
          createdAt?: string;
          decidedBy?: string | null;
          /** ISO 8601 timestamp */
          decidedAt?: string | null;
          overdue?: boolean;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    post: {
      requestBody: {
        kind: 'access' | 'rectification' | 'restriction' | 'erasure' | 'objection';
        reference: string;
        receivedOn: string;
      };
      responses: {
        '201': {
          id: string;
          kind?: 'access' | 'rectification' | 'restriction' | 'erasure' | 'objection';
          reference?: string;
          /** date, YYYY-MM-DD */
          receivedOn?: string;
          /** date, YYYY-MM-DD */
          deadline?: string;
          /** date, YYYY-MM-DD */
          extendedUntil?: string | null;
          extensionReason?: string | null;
          status?: 'open' | 'extended' | 'decided';
          decision?: 'granted' | 'partially_granted' | 'refused' | null;
          decisionReason?: string | null;
          legalGround?:
            | 'avg_23_criminal_investigation'
            | 'wpg_27_investigation_interest'
            | 'avg_17_3_legal_obligation'
            | 'avg_17_3_legal_claims'
            | 'avg_12_5_manifestly_unfounded'
            | 'identity_not_established'
            | 'no_data_held'
            | null;
          personIds?: string[];
          createdBy?: string;
          /** ISO 8601 timestamp */
          createdAt?: string;
          decidedBy?: string | null;
          /** ISO 8601 timestamp */
          decidedAt?: string | null;
          overdue?: boolean;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/privacy/requests/{id}': {
    get: {
      responses: {
        '200': {
          id: string;
          kind?: 'access' | 'rectification' | 'restriction' | 'erasure' | 'objection';
          reference?: string;
          /** date, YYYY-MM-DD */
          receivedOn?: string;
          /** date, YYYY-MM-DD */
          deadline?: string;
          /** date, YYYY-MM-DD */
          extendedUntil?: string | null;
          extensionReason?: string | null;
          status?: 'open' | 'extended' | 'decided';
          decision?: 'granted' | 'partially_granted' | 'refused' | null;
          decisionReason?: string | null;
          legalGround?:
            | 'avg_23_criminal_investigation'
            | 'wpg_27_investigation_interest'
            | 'avg_17_3_legal_obligation'
            | 'avg_17_3_legal_claims'
            | 'avg_12_5_manifestly_unfounded'
            | 'identity_not_established'
            | 'no_data_held'
            | null;
          personIds?: string[];
          createdBy?: string;
          /** ISO 8601 timestamp */
          createdAt?: string;
          decidedBy?: string | null;
          /** ISO 8601 timestamp */
          decidedAt?: string | null;
          overdue?: boolean;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/privacy/requests/{id}/decision': {
    post: {
      requestBody: {
        decision: 'granted' | 'partially_granted' | 'refused';
        reason: string;
        legalGround?:
          | 'avg_23_criminal_investigation'
          | 'wpg_27_investigation_interest'
          | 'avg_17_3_legal_obligation'
          | 'avg_17_3_legal_claims'
          | 'avg_12_5_manifestly_unfounded'
          | 'identity_not_established'
          | 'no_data_held';
      };
      responses: {
        '200': {
          id: string;
          kind?: 'access' | 'rectification' | 'restriction' | 'erasure' | 'objection';
          reference?: string;
          /** date, YYYY-MM-DD */
          receivedOn?: string;
          /** date, YYYY-MM-DD */
          deadline?: string;
          /** date, YYYY-MM-DD */
          extendedUntil?: string | null;
          extensionReason?: string | null;
          status?: 'open' | 'extended' | 'decided';
          decision?: 'granted' | 'partially_granted' | 'refused' | null;
          decisionReason?: string | null;
          legalGround?:
            | 'avg_23_criminal_investigation'
            | 'wpg_27_investigation_interest'
            | 'avg_17_3_legal_obligation'
            | 'avg_17_3_legal_claims'
            | 'avg_12_5_manifestly_unfounded'
            | 'identity_not_established'
            | 'no_data_held'
            | null;
          personIds?: string[];
          createdBy?: string;
          /** ISO 8601 timestamp */
          createdAt?: string;
          decidedBy?: string | null;
          /** ISO 8601 timestamp */
          decidedAt?: string | null;
          overdue?: boolean;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/privacy/requests/{id}/erasure': {
    post: {
      requestBody: Record<string, never>;
      responses: {
        '200': {
          requestId: string;
          erased: string[];
          refused: {
            personId: string;
            legalGround: string;
            signalId?: string;
            [key: string]: unknown;
          }[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/privacy/requests/{id}/extend': {
    post: {
      requestBody: {
        months: 1 | 2;
        reason: string;
      };
      responses: {
        '200': {
          id: string;
          kind?: 'access' | 'rectification' | 'restriction' | 'erasure' | 'objection';
          reference?: string;
          /** date, YYYY-MM-DD */
          receivedOn?: string;
          /** date, YYYY-MM-DD */
          deadline?: string;
          /** date, YYYY-MM-DD */
          extendedUntil?: string | null;
          extensionReason?: string | null;
          status?: 'open' | 'extended' | 'decided';
          decision?: 'granted' | 'partially_granted' | 'refused' | null;
          decisionReason?: string | null;
          legalGround?:
            | 'avg_23_criminal_investigation'
            | 'wpg_27_investigation_interest'
            | 'avg_17_3_legal_obligation'
            | 'avg_17_3_legal_claims'
            | 'avg_12_5_manifestly_unfounded'
            | 'identity_not_established'
            | 'no_data_held'
            | null;
          personIds?: string[];
          createdBy?: string;
          /** ISO 8601 timestamp */
          createdAt?: string;
          decidedBy?: string | null;
          /** ISO 8601 timestamp */
          decidedAt?: string | null;
          overdue?: boolean;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/privacy/requests/{id}/persons': {
    post: {
      requestBody: {
        personIds: string[];
      };
      responses: {
        '200': {
          id: string;
          kind?: 'access' | 'rectification' | 'restriction' | 'erasure' | 'objection';
          reference?: string;
          /** date, YYYY-MM-DD */
          receivedOn?: string;
          /** date, YYYY-MM-DD */
          deadline?: string;
          /** date, YYYY-MM-DD */
          extendedUntil?: string | null;
          extensionReason?: string | null;
          status?: 'open' | 'extended' | 'decided';
          decision?: 'granted' | 'partially_granted' | 'refused' | null;
          decisionReason?: string | null;
          legalGround?:
            | 'avg_23_criminal_investigation'
            | 'wpg_27_investigation_interest'
            | 'avg_17_3_legal_obligation'
            | 'avg_17_3_legal_claims'
            | 'avg_12_5_manifestly_unfounded'
            | 'identity_not_established'
            | 'no_data_held'
            | null;
          personIds?: string[];
          createdBy?: string;
          /** ISO 8601 timestamp */
          createdAt?: string;
          decidedBy?: string | null;
          /** ISO 8601 timestamp */
          decidedAt?: string | null;
          overdue?: boolean;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/privacy/requests/{id}/rectification': {
    post: {
      requestBody: {
        personId: string;
        changes: {
          givenNames?: string | null;
          prefix?: string | null;
          surname?: string | null;
          alias?: string | null;
          dateOfBirth?: string | null;
          gender?: 'female' | 'male' | 'x' | 'unknown' | null;
          nationality?: string | null;
          phones?: string[];
          emails?: string[];
        };
      };
      responses: {
        '200': {
          requestId: string;
          personId: string;
          /** the fields changed */
          fields: string[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/privacy/requests/{id}/report': {
    get: {
      responses: {
        '200': {
          request: {
            id: string;
            kind: string;
            reference: string;
            /** date, YYYY-MM-DD */
            receivedOn: string;
          };
          /** ISO 8601 timestamp */
          generatedAt: string;
          controller: string;
          records: {
            personId: string;
            /** the person fields held, camelCase */
            fields?: string[];
            [key: string]: unknown;
          }[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/privacy/requests/{id}/restriction': {
    post: {
      requestBody: {
        lift?: boolean;
      };
      responses: {
        '200': {
          requestId: string;
          persons: string[];
          restricted: boolean;
          refused: {
            personId: string;
            legalGround: string;
            signalId?: string;
            [key: string]: unknown;
          }[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/privacy/requests/{id}/search': {
    post: {
      requestBody: {
        bsn?: string;
        givenNames?: string;
        prefix?: string;
        surname?: string;
        dateOfBirth?: string;
      };
      responses: {
        '200': {
          persons: {
            personId?: string;
            signalId?: string;
            /** how the organisation holds the person, in the words of the capability (e.g. reported, received) */
            holding?: string;
            role?: string;
            /** how the person matched: by, certainty, score, reasons */
            match?: unknown;
            data?: {
              givenNames?: string | null;
              prefix?: string | null;
              surname?: string | null;
              /** date, YYYY-MM-DD */
              dateOfBirth?: string | null;
              /** masked */
              bsn?: string | null;
              [key: string]: unknown;
            };
            restricted?: boolean;
          }[];
          otherOrganisations: {
            organisationId: string;
            organisation: string;
            matchedOn: string;
            contacts: unknown;
            note: {
              nl: string;
              en: string;
            };
          }[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/signals': {
    get: {
      responses: {
        '200': {
          id: string;
          channel?: string;
          /** ISO 8601 timestamp */
          receivedAt?: string;
          forms?: string[];
          location?: {
            [key: string]: unknown;
          } | null;
          involvesMinor?: boolean;
          state?: string;
          /** ISO 8601 timestamp */
          stateChangedAt?: string;
          score?: number | null;
          priority?: string | null;
          recommendedRoute?: string | null;
          route?: string | null;
          routedOrgId?: string | null;
          /** ISO 8601 timestamp */
          createdAt?: string;
          sla?: {
            clock: 'first_assessment' | 'acceptance';
            elapsedWorkingDays: number;
            remainingWorkingDays: number;
            status: 'green' | 'amber' | 'red';
            /** date, YYYY-MM-DD */
            dueDate: string;
          } | null;
          /** the colleague who works on it (not for the reporter) */
          assignedTo?: string | null;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    post: {
      requestBody: {
        [key: string]: unknown;
      };
      responses: {
        '200': {
          id: string;
          state: string;
          /** ISO 8601 timestamp */
          receivedAt: string;
          created: boolean;
        };
        '201': {
          id: string;
          state: string;
          /** ISO 8601 timestamp */
          receivedAt: string;
          created: boolean;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/signals/assignees': {
    get: {
      responses: {
        '200': {
          id: string;
          name: string;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/signals/import': {
    post: {
      responses: {
        '201': {
          imported: {
            line: number;
            id: string;
          }[];
          rejected: {
            line: number;
            column?: string;
            code: string;
            message: string;
          }[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/signals/import/template': {
    get: {
      responses: {
        '200': string | Blob;
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/signals/list': {
    get: {
      responses: {
        '200': {
          items: {
            id: string;
            channel?: string;
            /** ISO 8601 timestamp */
            receivedAt?: string;
            forms?: string[];
            location?: {
              [key: string]: unknown;
            } | null;
            involvesMinor?: boolean;
            state?: string;
            /** ISO 8601 timestamp */
            stateChangedAt?: string;
            score?: number | null;
            priority?: string | null;
            recommendedRoute?: string | null;
            route?: string | null;
            routedOrgId?: string | null;
            /** ISO 8601 timestamp */
            createdAt?: string;
            sla?: {
              clock: 'first_assessment' | 'acceptance';
              elapsedWorkingDays: number;
              remainingWorkingDays: number;
              status: 'green' | 'amber' | 'red';
              /** date, YYYY-MM-DD */
              dueDate: string;
            } | null;
            /** the colleague who works on it (not for the reporter) */
            assignedTo?: string | null;
          }[];
          /** how many rows match the search and filters, over all pages */
          total: number;
          page: number;
          pageSize: number;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/signals/{id}': {
    get: {
      responses: {
        '200': {
          id: string;
          channel?: string;
          /** ISO 8601 timestamp */
          receivedAt?: string;
          forms?: string[];
          location?: {
            [key: string]: unknown;
          } | null;
          involvesMinor?: boolean;
          state?: string;
          /** ISO 8601 timestamp */
          stateChangedAt?: string;
          score?: number | null;
          priority?: string | null;
          recommendedRoute?: string | null;
          route?: string | null;
          routedOrgId?: string | null;
          /** ISO 8601 timestamp */
          createdAt?: string;
          sla?: {
            clock: 'first_assessment' | 'acceptance';
            elapsedWorkingDays: number;
            remainingWorkingDays: number;
            status: 'green' | 'amber' | 'red';
            /** date, YYYY-MM-DD */
            dueDate: string;
          } | null;
          /** the colleague who works on it (not for the reporter) */
          assignedTo?: string | null;
          externalReference?: string | null;
          /** date, YYYY-MM-DD */
          observedAt?: string | null;
          indicators?: {
            code: string;
            [key: string]: unknown;
          }[];
          narrative?: string;
          persons?: {
            role: string;
            givenNames: string | null;
            prefix: string | null;
            surname: string | null;
            alias: string | null;
            /** date, YYYY-MM-DD */
            dateOfBirth: string | null;
            birthYear: number | null;
            gender: string | null;
            nationality: string | null;
            phones: string[];
            emails: string[];
            /** masked */
            bsn: string | null;
            minor: string;
            remark: string | null;
          }[];
          companies?: {
            name: string | null;
            kvk: string | null;
            address: {
              street?: string;
              houseNumber?: string;
              postcode?: string;
              city?: string;
              country?: string;
            } | null;
            remark: string | null;
          }[];
          vehicles?: {
            [key: string]: unknown;
          }[];
          urls?: {
            [key: string]: unknown;
          }[];
          handles?: {
            [key: string]: unknown;
          }[];
          statusHistory?: {
            state: string;
            /** ISO 8601 timestamp */
            at: string;
          }[];
          reporterOrgId?: string;
          triage?: {
            ruleSetVersion: number;
            score: number;
            priority: string;
            [key: string]: unknown;
          } | null;
          rulesetVersion?: number | null;
          outcome?: string | null;
          history?: {
            from: string;
            to: string;
            action: string;
            detail: unknown;
            note: string | null;
            actorUserId: string | null;
            actorOrgId: string | null;
            actorRole: string | null;
            /** ISO 8601 timestamp */
            at: string;
          }[];
          linkNotices?: {
            organisationId: string;
            organisation: string;
            kinds: string[];
          }[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/signals/{id}/assignment': {
    post: {
      requestBody: {
        userId: string | null;
      };
      responses: {
        '200': {
          id: string;
          assignedTo: string | null;
          assigneeName: string | null;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/signals/{id}/links': {
    get: {
      responses: {
        '200': {
          id: string;
          kind: string;
          score: number;
          reasons: {
            kind: string;
            label?: {
              nl: string;
              en: string;
            };
            [key: string]: unknown;
          }[];
          status: 'suggested' | 'confirmed' | 'rejected';
          /** ISO 8601 timestamp */
          decidedAt: string | null;
          linkedSignalId: string;
          linkedState: string;
          /** ISO 8601 timestamp */
          linkedReceivedAt: string;
          linkedReporter: string;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/signals/{id}/links/{linkId}': {
    post: {
      requestBody: {
        status: 'confirmed' | 'rejected';
      };
      responses: {
        '200': {
          id: string;
          status: string;
          rescored: {
            [key: string]: unknown;
          }[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/signals/{id}/network': {
    get: {
      responses: {
        '200': {
          signals: {
            id: string;
            channel?: string;
            /** ISO 8601 timestamp */
            receivedAt?: string;
            forms?: string[];
            location?: {
              [key: string]: unknown;
            } | null;
            involvesMinor?: boolean;
            state?: string;
            /** ISO 8601 timestamp */
            stateChangedAt?: string;
            score?: number | null;
            priority?: string | null;
            recommendedRoute?: string | null;
            route?: string | null;
            routedOrgId?: string | null;
            /** ISO 8601 timestamp */
            createdAt?: string;
            sla?: {
              clock: 'first_assessment' | 'acceptance';
              elapsedWorkingDays: number;
              remainingWorkingDays: number;
              status: 'green' | 'amber' | 'red';
              /** date, YYYY-MM-DD */
              dueDate: string;
            } | null;
            /** the colleague who works on it (not for the reporter) */
            assignedTo?: string | null;
            externalReference?: string | null;
            /** date, YYYY-MM-DD */
            observedAt?: string | null;
            indicators?: {
              code: string;
              [key: string]: unknown;
            }[];
            narrative?: string;
            persons?: {
              role: string;
              givenNames: string | null;
              prefix: string | null;
              surname: string | null;
              alias: string | null;
              /** date, YYYY-MM-DD */
              dateOfBirth: string | null;
              birthYear: number | null;
              gender: string | null;
              nationality: string | null;
              phones: string[];
              emails: string[];
              /** masked */
              bsn: string | null;
              minor: string;
              remark: string | null;
            }[];
            companies?: {
              name: string | null;
              kvk: string | null;
              address: {
                street?: string;
                houseNumber?: string;
                postcode?: string;
                city?: string;
                country?: string;
              } | null;
              remark: string | null;
            }[];
            vehicles?: {
              [key: string]: unknown;
            }[];
            urls?: {
              [key: string]: unknown;
            }[];
            handles?: {
              [key: string]: unknown;
            }[];
            statusHistory?: {
              state: string;
              /** ISO 8601 timestamp */
              at: string;
            }[];
            reporterOrgId?: string;
            triage?: {
              ruleSetVersion: number;
              score: number;
              priority: string;
              [key: string]: unknown;
            } | null;
            rulesetVersion?: number | null;
            outcome?: string | null;
            history?: {
              from: string;
              to: string;
              action: string;
              detail: unknown;
              note: string | null;
              actorUserId: string | null;
              actorOrgId: string | null;
              actorRole: string | null;
              /** ISO 8601 timestamp */
              at: string;
            }[];
            linkNotices?: {
              organisationId: string;
              organisation: string;
              kinds: string[];
            }[];
          }[];
          links: {
            from: string;
            to: string;
            link: {
              id: string;
              kind: string;
              score: number;
              reasons: {
                kind: string;
                label?: {
                  nl: string;
                  en: string;
                };
                [key: string]: unknown;
              }[];
            };
          }[];
          truncated: boolean;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/signals/{id}/transitions': {
    post: {
      requestBody:
        | {
            action: 'start_triage';
            note?: string;
          }
        | {
            action: 'route';
            route:
              | 'police_avim'
              | 'inspectie_szw_opsporing'
              | 'kmar'
              | 'inspectie_szw_toezicht'
              | 'municipality'
              | 'riec'
              | 'care_coordinator';
            team: string;
            note?: string;
          }
        | {
            action: 'accept';
            note?: string;
          }
        | {
            action: 'decline';
            reason: 'not_competent' | 'insufficient_information' | 'no_capacity' | 'other';
            note: string;
          }
        | {
            action: 'retriage';
            note?: string;
          }
        | {
            action: 'close';
            outcome:
              | 'investigation_started'
              | 'administrative_action'
              | 'care_provided'
              | 'referred_elsewhere'
              | 'no_indication'
              | 'duplicate'
              | 'insufficient_information'
              | 'other';
            note: string;
          }
        | {
            action: 'note';
            note: string;
          };
      responses: {
        '200': {
          id: string;
          state: string;
          transition: {
            from: string;
            to: string;
            at: string;
            [key: string]: unknown;
          };
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/triage/rulesets': {
    get: {
      responses: {
        '200': {
          version: number;
          name?: string;
          rules?: {
            [key: string]: unknown;
          };
          createdBy?: string | null;
          /** ISO 8601 timestamp */
          createdAt?: string | null;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    post: {
      requestBody: {
        [key: string]: unknown;
      };
      responses: {
        '201': {
          version: number;
          name?: string;
          rules?: {
            [key: string]: unknown;
          };
          createdBy?: string | null;
          /** ISO 8601 timestamp */
          createdAt?: string | null;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/users': {
    get: {
      responses: {
        '200': {
          id?: string;
          orgId?: string;
          email?: string;
          name?: string;
          roles?: (
            | 'intake'
            | 'triage'
            | 'investigator'
            | 'care_coordinator'
            | 'municipal_coordinator'
            | 'analyst'
            | 'privacy_officer'
            | 'admin'
            | 'consultation_chair'
            | 'provider_intake'
            | 'registrar'
            | 'youth_care_worker'
            | 'programme_manager'
            | 'visa_officer'
            | 'feed_publisher'
          )[];
          disabled?: boolean;
          /** ISO 8601 timestamp */
          lockedUntil?: string | null;
          totpEnabled?: boolean;
          /** ISO 8601 timestamp */
          createdAt?: string;
          mustChangePassword?: boolean;
          /** ISO 8601 timestamp */
          lastLoginAt?: string | null;
        }[];
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    post: {
      requestBody: {
        email: string;
        name: string;
        roles: (
          | 'intake'
          | 'triage'
          | 'investigator'
          | 'care_coordinator'
          | 'municipal_coordinator'
          | 'analyst'
          | 'privacy_officer'
          | 'admin'
          | 'consultation_chair'
          | 'provider_intake'
          | 'registrar'
          | 'youth_care_worker'
          | 'programme_manager'
          | 'visa_officer'
          | 'feed_publisher'
        )[];
        password?: string;
      };
      responses: {
        '201': {
          user: {
            id?: string;
            orgId?: string;
            email?: string;
            name?: string;
            roles?: (
              | 'intake'
              | 'triage'
              | 'investigator'
              | 'care_coordinator'
              | 'municipal_coordinator'
              | 'analyst'
              | 'privacy_officer'
              | 'admin'
              | 'consultation_chair'
              | 'provider_intake'
              | 'registrar'
              | 'youth_care_worker'
              | 'programme_manager'
              | 'visa_officer'
              | 'feed_publisher'
            )[];
            disabled?: boolean;
            /** ISO 8601 timestamp */
            lockedUntil?: string | null;
            totpEnabled?: boolean;
            /** ISO 8601 timestamp */
            createdAt?: string;
            mustChangePassword?: boolean;
            /** ISO 8601 timestamp */
            lastLoginAt?: string | null;
          };
          /** the new user sets the first password through this link */
          setPassword: {
            /** only when it was not e-mailed; shown once */
            link?: string;
            mailed: boolean;
            /** ISO 8601 timestamp */
            expiresAt: string;
          };
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/users/list': {
    get: {
      responses: {
        '200': {
          items: {
            id?: string;
            orgId?: string;
            email?: string;
            name?: string;
            roles?: (
              | 'intake'
              | 'triage'
              | 'investigator'
              | 'care_coordinator'
              | 'municipal_coordinator'
              | 'analyst'
              | 'privacy_officer'
              | 'admin'
              | 'consultation_chair'
              | 'provider_intake'
              | 'registrar'
              | 'youth_care_worker'
              | 'programme_manager'
              | 'visa_officer'
              | 'feed_publisher'
            )[];
            disabled?: boolean;
            /** ISO 8601 timestamp */
            lockedUntil?: string | null;
            totpEnabled?: boolean;
            /** ISO 8601 timestamp */
            createdAt?: string;
            mustChangePassword?: boolean;
            /** ISO 8601 timestamp */
            lastLoginAt?: string | null;
          }[];
          /** how many rows match the search and filters, over all pages */
          total: number;
          page: number;
          pageSize: number;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/users/{id}': {
    get: {
      responses: {
        '200': {
          id?: string;
          orgId?: string;
          email?: string;
          name?: string;
          roles?: (
            | 'intake'
            | 'triage'
            | 'investigator'
            | 'care_coordinator'
            | 'municipal_coordinator'
            | 'analyst'
            | 'privacy_officer'
            | 'admin'
            | 'consultation_chair'
            | 'provider_intake'
            | 'registrar'
            | 'youth_care_worker'
            | 'programme_manager'
            | 'visa_officer'
            | 'feed_publisher'
          )[];
          disabled?: boolean;
          /** ISO 8601 timestamp */
          lockedUntil?: string | null;
          totpEnabled?: boolean;
          /** ISO 8601 timestamp */
          createdAt?: string;
          mustChangePassword?: boolean;
          /** ISO 8601 timestamp */
          lastLoginAt?: string | null;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
    patch: {
      requestBody: {
        name?: string;
        email?: string;
        roles?: (
          | 'intake'
          | 'triage'
          | 'investigator'
          | 'care_coordinator'
          | 'municipal_coordinator'
          | 'analyst'
          | 'privacy_officer'
          | 'admin'
          | 'consultation_chair'
          | 'provider_intake'
          | 'registrar'
          | 'youth_care_worker'
          | 'programme_manager'
          | 'visa_officer'
          | 'feed_publisher'
        )[];
        disabled?: boolean;
        unlock?: true;
      };
      responses: {
        '200': {
          id?: string;
          orgId?: string;
          email?: string;
          name?: string;
          roles?: (
            | 'intake'
            | 'triage'
            | 'investigator'
            | 'care_coordinator'
            | 'municipal_coordinator'
            | 'analyst'
            | 'privacy_officer'
            | 'admin'
            | 'consultation_chair'
            | 'provider_intake'
            | 'registrar'
            | 'youth_care_worker'
            | 'programme_manager'
            | 'visa_officer'
            | 'feed_publisher'
          )[];
          disabled?: boolean;
          /** ISO 8601 timestamp */
          lockedUntil?: string | null;
          totpEnabled?: boolean;
          /** ISO 8601 timestamp */
          createdAt?: string;
          mustChangePassword?: boolean;
          /** ISO 8601 timestamp */
          lastLoginAt?: string | null;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/users/{id}/reset': {
    post: {
      responses: {
        '200': {
          /** only when it was not e-mailed; shown once */
          link?: string;
          mailed: boolean;
          /** ISO 8601 timestamp */
          expiresAt: string;
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/api/v1/work': {
    get: {
      responses: {
        '200': {
          cards: {
            kind: 'new' | 'overdue' | 'assigned_to_me' | 'referrals_received';
            queue: 'triage' | 'team' | 'referrals';
            purpose: string;
            count: number;
            /** where the web app shows these */
            link: string;
          }[];
          notifications: {
            id: string;
            kind: string;
            link: string;
            createdAt: string;
            read: boolean;
          }[];
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/health': {
    get: {
      responses: {
        '200': {
          status: 'ok';
          database: string;
          kind: string;
          migration: string;
        };
        '4XX': ApiErrorBody;
        '503': {
          status: 'unavailable';
          database: string;
          kind: string;
        };
        '5XX': ApiErrorBody;
      };
    };
  };
  '/health/live': {
    get: {
      responses: {
        '200': {
          status: 'ok';
        };
        '4XX': ApiErrorBody;
        '5XX': ApiErrorBody;
      };
    };
  };
  '/health/ready': {
    get: {
      responses: {
        '200': {
          status: 'ok';
          migration: string;
        };
        '4XX': ApiErrorBody;
        '503': {
          status: 'unavailable';
          reason: string;
        };
        '5XX': ApiErrorBody;
      };
    };
  };
}

/** The one error shape of the API (src/server/errors.ts). */
export type ApiErrorBody = {
  error: {
    /** stable code a program can act on */
    code: string;
    /** the reason, in the request's language (Accept-Language) */
    message: string;
    /** the field the problem is about */
    field?: string;
    line?: number;
    /** every problem, when there are several */
    details?: {
      code: string;
      message: string;
      field?: string;
      line?: number;
      column?: string;
    }[];
    requestId: string;
    [key: string]: unknown;
  };
};
