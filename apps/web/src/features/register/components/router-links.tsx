import { Anchor, type AnchorProps, Button, type ButtonProps } from '@mantine/core';
import { createLink, type LinkComponent } from '@tanstack/react-router';
import type { AnchorHTMLAttributes, Ref } from 'react';

type AnchorElementProps = AnchorProps & AnchorHTMLAttributes<HTMLAnchorElement> & { ref?: Ref<HTMLAnchorElement> };
type ButtonElementProps = ButtonProps &
  Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'color'> & { ref?: Ref<HTMLAnchorElement> };

function AnchorElement(props: AnchorElementProps) {
  return <Anchor component="a" {...props} />;
}

function ButtonElement(props: ButtonElementProps) {
  return <Button component="a" {...props} />;
}

const CreatedAnchorLink = createLink(AnchorElement);
const CreatedButtonLink = createLink(ButtonElement);

/**
 * A Mantine Anchor that navigates inside the app with type-checked `to`, `params` and `search` (Mantine's
 * `component={Link}` loses the router's typing of path parameters).
 */
export const AnchorLink: LinkComponent<typeof AnchorElement> = (props) => <CreatedAnchorLink {...props} />;

/** A Mantine Button that is an in-app link with type-checked `to`, `params` and `search`. */
export const ButtonLink: LinkComponent<typeof ButtonElement> = (props) => <CreatedButtonLink {...props} />;
