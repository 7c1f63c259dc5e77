/* page_cache.c — rendered parts of pages, kept while the data is the same. */
#include "web/page_cache.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/audit_store.h"

#define PAGE_CACHE_KEY_MAX 128

struct page_slot {
	char key[PAGE_CACHE_KEY_MAX];
	char version[PAGE_CACHE_VERSION_MAX];
	char *text;
	unsigned long long used; /* when it was last put */
};

struct page_cache {
	pthread_mutex_t lock;
	struct page_slot *slots;
	size_t nslots;
	unsigned long long clock;
};

struct page_cache *
page_cache_new(size_t slots)
{
	struct page_cache *c = calloc(1, sizeof(*c));

	if (c == NULL || (c->slots = calloc(slots, sizeof(*c->slots))) == NULL) {
		free(c);
		return NULL;
	}
	c->nslots = slots;
	pthread_mutex_init(&c->lock, NULL);
	return c;
}

void
page_cache_free(struct page_cache *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nslots; i++)
		free(c->slots[i].text);
	free(c->slots);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

bool
page_cache_version(struct db *db, char out[PAGE_CACHE_VERSION_MAX])
{
	char hash[SHA256_HEX_LEN];
	long long count = 0;

	out[0] = '\0';
	if (audit_store_head(db, &count, hash, NULL) != MM_OK)
		return false;
	snprintf(out, PAGE_CACHE_VERSION_MAX, "%lld:%s", count, hash);
	return true;
}

char *
page_cache_get(struct page_cache *c, const char *key, const char *version)
{
	char *copy = NULL;
	size_t i;

	if (c == NULL || version[0] == '\0')
		return NULL;
	pthread_mutex_lock(&c->lock);
	for (i = 0; i < c->nslots; i++) {
		struct page_slot *s = &c->slots[i];
		if (s->text != NULL && strcmp(s->key, key) == 0) {
			if (strcmp(s->version, version) == 0)
				copy = strdup(s->text);
			break;
		}
	}
	pthread_mutex_unlock(&c->lock);
	return copy;
}

void
page_cache_put(struct page_cache *c, const char *key, const char *version,
    const char *text)
{
	struct page_slot *s = NULL;
	char *copy;
	size_t i;

	if (c == NULL || version[0] == '\0' || strlen(key) >= PAGE_CACHE_KEY_MAX ||
	    (copy = strdup(text)) == NULL)
		return;
	pthread_mutex_lock(&c->lock);
	/* the slot of KEY, else a free one, else the oldest */
	for (i = 0; i < c->nslots && s == NULL; i++)
		if (c->slots[i].text != NULL && strcmp(c->slots[i].key, key) == 0)
			s = &c->slots[i];
	for (i = 0; i < c->nslots && s == NULL; i++)
		if (c->slots[i].text == NULL)
			s = &c->slots[i];
	if (s == NULL) {
		s = &c->slots[0];
		for (i = 1; i < c->nslots; i++)
			if (c->slots[i].used < s->used)
				s = &c->slots[i];
	}
	free(s->text);
	snprintf(s->key, sizeof(s->key), "%s", key);
	snprintf(s->version, sizeof(s->version), "%s", version);
	s->text = copy;
	s->used = ++c->clock;
	pthread_mutex_unlock(&c->lock);
}
