"""Who may change what: the one rule behind the admin's Editor/Publisher boundary.

Publishing, unpublishing, scheduling, and any change to a published or
scheduled event, need `events.publish_event` (the Publisher group).
"""

PUBLISH_PERMISSION = "events.publish_event"


def can_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def can_edit_event(user, event):
    """Whether `user` may change `event` (None: a new one) and its parts.

    A draft: anyone with the change permission; otherwise publishers only.
    """
    if event is None or event.status == event.Status.DRAFT:
        return True
    return can_publish(user)
